package org.excerptbot.core.script;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ReplyTransform;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;

/**
 * The script each chat reads in: its stored choice, otherwise traditional for a user whose language is Chinese of
 * Taiwan, Hong Kong or Macau (or written in Hant), otherwise simplified. As a {@link ReplyTransform} it converts
 * every reply of a traditional chat in one place, after the handler ran.
 */
public final class ChatScripts implements ReplyTransform {
    private static final Set<String> TRADITIONAL_REGIONS = Set.of("TW", "HK", "MO");

    private final ChatPreferenceStore preferences;
    private final ScriptConverter converter;

    public ChatScripts(ChatPreferenceStore preferences, ScriptConverter converter) {
        this.preferences = Objects.requireNonNull(preferences, "preferences");
        this.converter = Objects.requireNonNull(converter, "converter");
    }

    /** Each user's language default, without stored choices: for what runs without a database. */
    public static ChatScripts byLanguage() {
        return new ChatScripts(ChatPreferenceStore.NONE, ScriptConverter.hongKong());
    }

    /** The script a chat reads in, for a user of {@code locale} when the chat chose none. */
    public Script scriptOf(ChatRef chat, Locale locale) {
        return preferences.script(chat).orElseGet(() -> defaultFor(locale));
    }

    /** Traditional for Chinese of Taiwan, Hong Kong and Macau, and for Chinese written in Hant; else simplified. */
    public static Script defaultFor(Locale locale) {
        if (locale == null || !"zh".equals(locale.getLanguage())) return Script.SIMPLIFIED;
        boolean traditional = TRADITIONAL_REGIONS.contains(locale.getCountry()) || "Hant".equals(locale.getScript());
        return traditional ? Script.TRADITIONAL : Script.SIMPLIFIED;
    }

    /** The reply in the script of its chat. */
    @Override
    public Reply apply(Request request, Texts texts, Reply reply) {
        return convert(scriptOf(request.chat(), request.locale()), texts, reply);
    }

    /** The reply in {@code script}. */
    public Reply convert(Script script, Texts texts, Reply reply) {
        return script == Script.TRADITIONAL ? converter.toTraditional(reply, texts) : reply;
    }

    /** The text in {@code script}: a title or a preview outside a reply. */
    public String convert(Script script, String text) {
        return script == Script.TRADITIONAL ? converter.toTraditional(text) : text;
    }

    public ChatPreferenceStore preferences() {
        return preferences;
    }
}
