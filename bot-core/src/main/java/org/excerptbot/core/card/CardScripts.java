package org.excerptbot.core.card;

import java.util.Locale;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.script.Script;

/**
 * Port: the script a chat's cards are drawn in, for a user of {@code locale} (the chat's choice, or the default for
 * that language), so that a card shows the characters the chat's text replies do.
 */
@FunctionalInterface
public interface CardScripts {
    /** Every card in simplified characters, as written. */
    CardScripts SIMPLIFIED = (chat, locale) -> Script.SIMPLIFIED;

    /** The script of the chat's cards. */
    Script of(ChatRef chat, Locale locale);
}
