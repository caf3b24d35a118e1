package org.excerptbot.core.script;

import java.time.LocalDate;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.excerptbot.core.delivery.Post;
import org.excerptbot.core.delivery.PostComposer;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.subscription.Subscription;

/**
 * The posts of another composer in the script each subscribing chat chose ({@code /script}); a chat that chose none
 * gets the default for the language it subscribed in ({@link Subscription#language()}, traditional for
 * {@code zh-TW}), the same rule as its replies. A daily post is the same for every subscriber of a date and language, so its
 * conversion is kept and reused like the post itself.
 */
public final class ScriptedPosts implements PostComposer {
    /** Converted posts kept; more empties the cache. */
    private static final int MAX_CONVERTED = 64;

    private final PostComposer posts;
    private final ChatScripts scripts;
    private final Messages messages;
    /** By identity: the daily composer hands every subscriber of a date and language the same reply. */
    private final Map<Reply, Reply> converted = Collections.synchronizedMap(new IdentityHashMap<>());

    public ScriptedPosts(PostComposer posts, ChatScripts scripts, Messages messages) {
        this.posts = Objects.requireNonNull(posts, "posts");
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public Post compose(Subscription subscription, LocalDate localDate) {
        Post post = posts.compose(subscription, localDate);
        Locale locale = Locale.forLanguageTag(subscription.language());
        Script script = scripts.scriptOf(subscription.chat(), locale);
        if (script == Script.SIMPLIFIED) return post;
        var texts = messages.texts(locale);
        if (post.item().isPresent()) return new Post(scripts.convert(script, texts, post.reply()), post.item());
        Reply reply;
        synchronized (converted) {
            if (converted.size() >= MAX_CONVERTED) converted.clear();
            reply = converted.computeIfAbsent(post.reply(), r -> scripts.convert(script, texts, r));
        }
        return new Post(reply, post.item());
    }
}
