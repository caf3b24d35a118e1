package org.excerptbot.core.card;

import java.util.Locale;
import java.util.Objects;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Citation;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptConverter;

/**
 * What a card shows: a passage (an excerpt or a whole paragraph), where it comes from, and the bot's name.
 *
 * @param passage the text to set; a newline starts a new paragraph
 * @param citation title, author, date and position, in the reader's language (see
 *     {@link org.excerptbot.core.reply.Citations})
 * @param botName shown small at the foot of every card
 * @param locale the reader's language, for the citation: {@code 《title》} and {@code 2015年12月16日}, or the title
 *     plain and {@code 16 December 2015}
 * @param script the characters the card is drawn in, which choose its faces: the passage and citation are already
 *     in them (see {@link #in(Script, Texts)})
 */
public record CardContent(String passage, Citation citation, String botName, Locale locale, Script script) {
    /** The longest passage accepted, in characters (code points): the longest paragraph is under 400. */
    public static final int MAX_PASSAGE = 4000;

    /** The longest bot name accepted, in characters (code points). */
    public static final int MAX_BOT_NAME = 64;

    /** The conversion {@link Script#TRADITIONAL} names. */
    private static final ScriptConverter CONVERTER = ScriptConverter.hongKong();

    public CardContent {
        Objects.requireNonNull(passage, "passage");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(botName, "botName");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(script, "script");
        if (passage.isBlank()) throw new IllegalArgumentException("passage: must not be blank");
        int length = passage.codePointCount(0, passage.length());
        if (length > MAX_PASSAGE) {
            throw new IllegalArgumentException(
                    "passage: must be at most " + MAX_PASSAGE + " characters, was " + length);
        }
        int nameLength = botName.codePointCount(0, botName.length());
        if (botName.isBlank() || nameLength > MAX_BOT_NAME) {
            throw new IllegalArgumentException(
                    "botName: must be 1-" + MAX_BOT_NAME + " characters and not blank, was '" + botName + "'");
        }
    }

    /** A card of text as written, in simplified characters. */
    public CardContent(String passage, Citation citation, String botName, Locale locale) {
        this(passage, citation, botName, locale, Script.SIMPLIFIED);
    }

    /**
     * This card in {@code target}: for traditional, the passage, citation and bot name converted as the text replies
     * are (OpenCC's Hong Kong variant, the citation marked as converted). A card already in {@code target} comes back
     * as it is; a traditional card is never converted back.
     */
    public CardContent in(Script target, Texts texts) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(texts, "texts");
        if (target == script) return this;
        if (target == Script.SIMPLIFIED)
            throw new IllegalArgumentException("target: a traditional card cannot be made simplified");
        return new CardContent(
                CONVERTER.toTraditional(passage),
                CONVERTER.toTraditional(citation, texts),
                CONVERTER.toTraditional(botName),
                locale,
                target);
    }

    /** A card of a whole paragraph, cited in the reader's language. */
    public static CardContent of(Corpus corpus, Paragraph paragraph, Texts texts, String botName) {
        return new CardContent(paragraph.text(), Citations.of(corpus, paragraph.ref(), texts), botName, texts.locale());
    }

    /** A card of an excerpt, cited in the reader's language with its paragraph's position. */
    public static CardContent of(Corpus corpus, Excerpt excerpt, Texts texts, String botName) {
        return new CardContent(excerpt.text(), Citations.of(corpus, excerpt.ref(), texts), botName, texts.locale());
    }
}
