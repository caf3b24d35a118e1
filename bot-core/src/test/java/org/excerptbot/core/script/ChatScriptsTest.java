package org.excerptbot.core.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.delivery.ExcerptPosts;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.delivery.Post;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

/** A chat's script: its default from the user's language, its stored choice, and the replies and posts it changes. */
class ChatScriptsTest {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final Messages MESSAGES = Messages.load();
    private static final ChatRef CHAT = new ChatRef(Platform.DISCORD, "42", ChatType.GROUP);
    private static final ChatRef OTHER = new ChatRef(Platform.DISCORD, "43", ChatType.GROUP);

    private final MemoryPreferences preferences = new MemoryPreferences();
    private final ChatScripts scripts = new ChatScripts(preferences, ScriptConverter.hongKong());

    @Test
    void chinese_of_taiwan_hong_kong_macau_and_hant_default_to_traditional() {
        assertThat(Messages.localeOf("zh-TW")).isEqualTo(Locale.TRADITIONAL_CHINESE);
        assertThat(Messages.localeOf("zh-HK")).isEqualTo(Locale.TRADITIONAL_CHINESE);
        assertThat(Messages.localeOf("zh-Hant")).isEqualTo(Locale.TRADITIONAL_CHINESE);
        assertThat(Messages.localeOf("zh-CN")).isEqualTo(Messages.CHINESE);
        assertThat(Messages.localeOf("zh-hans")).isEqualTo(Messages.CHINESE);
        assertThat(Messages.localeOf("ja")).isEqualTo(Messages.CHINESE);
        assertThat(Messages.localeOf("en-GB")).isEqualTo(Messages.ENGLISH);
        assertThat(MESSAGES.texts(Messages.localeOf("zh-TW")).english()).isFalse();
        assertThat(ChatScripts.defaultFor(Messages.localeOf("zh-TW"))).isEqualTo(Script.TRADITIONAL);
        assertThat(ChatScripts.defaultFor(Messages.localeOf("zh-HK"))).isEqualTo(Script.TRADITIONAL);
        assertThat(ChatScripts.defaultFor(Messages.localeOf("zh-CN"))).isEqualTo(Script.SIMPLIFIED);
        assertThat(ChatScripts.defaultFor(Messages.ENGLISH)).isEqualTo(Script.SIMPLIFIED);
        assertThat(Messages.subscriptionLanguage(Messages.localeOf("zh-HK"))).isEqualTo("zh-TW");
        assertThat(Messages.subscriptionLanguage(Messages.localeOf("zh-TW"))).isEqualTo("zh-TW");
        assertThat(Messages.subscriptionLanguage(Messages.localeOf("zh-CN"))).isEqualTo("zh");
        assertThat(Messages.subscriptionLanguage(Messages.localeOf("en-US"))).isEqualTo("en");
    }

    @Test
    void a_chat_that_subscribed_in_zh_tw_and_chose_nothing_gets_traditional_posts_until_it_chooses() {
        ScriptedPosts posts = new ScriptedPosts(
                new ExcerptPosts(CORPUS, new DailyRotation(ExcerptPool.build(CORPUS), 7), MESSAGES), scripts, MESSAGES);
        LocalDate day = LocalDate.of(2027, 5, 2);
        Subscription taiwan = withLanguage(subscription(1, CHAT, Mode.DAILY, 0), "zh-TW");
        assertThat(citationLine(posts.compose(taiwan, day))).endsWith("（繁體轉換）");
        preferences.setScript(CHAT, Script.SIMPLIFIED, Instant.EPOCH);
        assertThat(citationLine(posts.compose(taiwan, day)))
                .as("the chat's choice beats its language")
                .doesNotContain("繁體轉換");
    }

    private static String citationLine(Post post) {
        return post.reply().sections().get(0).citation().orElseThrow().line();
    }

    private static Subscription withLanguage(Subscription s, String language) {
        return new Subscription(
                s.id(),
                s.chat(),
                s.slot(),
                s.mode(),
                s.days(),
                s.format(),
                language,
                s.cursor(),
                s.status(),
                s.changedAt());
    }

    @Test
    void the_dispatcher_converts_every_reply_of_a_traditional_chat_and_a_stored_choice_beats_the_language() {
        CommandSpec speech = CommandSpec.everyone("speech", List.of(), c -> Reply.notice("网络空间是人类共同的活动空间"));
        CommandDispatcher dispatcher = new CommandDispatcher(
                CommandRegistry.of(List.of(speech)),
                MESSAGES,
                new FloodControl(20, new MutableClock(Instant.EPOCH)),
                CommandDispatcher.OwnerCheck.NOBODY,
                scripts);
        assertThat(ask(dispatcher, CHAT, "zh-TW")).isEqualTo("網絡空間是人類共同的活動空間");
        assertThat(ask(dispatcher, CHAT, "zh-CN")).isEqualTo("网络空间是人类共同的活动空间");
        preferences.setScript(CHAT, Script.TRADITIONAL, Instant.EPOCH);
        preferences.setScript(OTHER, Script.SIMPLIFIED, Instant.EPOCH);
        assertThat(ask(dispatcher, CHAT, "zh-CN")).isEqualTo("網絡空間是人類共同的活動空間");
        assertThat(ask(dispatcher, OTHER, "zh-TW")).isEqualTo("网络空间是人类共同的活动空间");
        Request unknown = new Request(
                CHAT, new UserRef("7", "reader"), Messages.CHINESE, new Input.Command("nosuch", ""), AdminCheck.NEVER);
        assertThat(dispatcher.dispatch(unknown).orElseThrow().plainText())
                .as("errors too: the whole reply is in the chat's script")
                .isEqualTo("沒有 /nosuch 這個命令。發送 /help 查看全部命令。");
    }

    private static String ask(CommandDispatcher dispatcher, ChatRef chat, String languageTag) {
        Request request = new Request(
                chat,
                new UserRef("7", "reader"),
                Messages.localeOf(languageTag),
                new Input.Command("speech", ""),
                AdminCheck.NEVER);
        return dispatcher.dispatch(request).orElseThrow().plainText();
    }

    @Test
    void the_posts_of_a_traditional_chat_are_converted_and_a_daily_post_is_converted_once() {
        ExcerptPool pool = ExcerptPool.build(CORPUS);
        DailyRotation rotation = new DailyRotation(pool, 7);
        ScriptedPosts posts = new ScriptedPosts(new ExcerptPosts(CORPUS, rotation, MESSAGES), scripts, MESSAGES);
        preferences.setScript(CHAT, Script.TRADITIONAL, Instant.EPOCH);
        LocalDate day = LocalDate.of(2027, 5, 2);
        String simplified = rotation.excerptFor(day).text();
        String traditional = ScriptConverter.hongKong().toTraditional(simplified);

        Post post = posts.compose(subscription(1, CHAT, Mode.DAILY, 0), day);
        assertThat(post.reply().plainText()).contains(traditional).doesNotContain(simplified);
        assertThat(post.reply().sections().get(0).citation().orElseThrow().line())
                .endsWith("（繁體轉換）");
        assertThat(posts.compose(subscription(2, CHAT, Mode.DAILY, 0), day).reply())
                .isSameAs(post.reply());
        assertThat(posts.compose(subscription(3, OTHER, Mode.DAILY, 0), day)
                        .reply()
                        .plainText())
                .contains(simplified);

        Post sequential = posts.compose(subscription(4, CHAT, Mode.SEQUENTIAL, 5), day);
        assertThat(sequential.item()).hasValue(5);
        assertThat(sequential.reply().plainText())
                .contains(ScriptConverter.hongKong().toTraditional(pool.get(5).text()));
    }

    private static Subscription subscription(long id, ChatRef chat, Mode mode, long cursor) {
        return new Subscription(
                id,
                chat,
                new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai")),
                mode,
                Days.EVERY_DAY,
                Format.TEXT,
                "zh",
                cursor,
                SubscriptionStatus.ACTIVE,
                Instant.EPOCH);
    }
}
