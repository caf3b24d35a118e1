package org.excerptbot.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Asks Telegram whether a user administers a chat (getChatMember), for the commands only administrators may use.
 * A lookup that fails counts as "not an administrator": the command is refused, never run by mistake.
 */
final class ChatAdmins implements UpdateTranslator.MemberLookup {
    private static final Logger log = LoggerFactory.getLogger(ChatAdmins.class);

    private final TelegramClient client;
    private final Redactor redactor;

    ChatAdmins(TelegramClient client, Redactor redactor) {
        this.client = client;
        this.redactor = redactor;
    }

    @Override
    public boolean isAdmin(long chatId, long userId) {
        try {
            ChatMember member = client.execute(new GetChatMember(String.valueOf(chatId), userId));
            return "administrator".equals(member.getStatus()) || "creator".equals(member.getStatus());
        } catch (TelegramApiException | RuntimeException e) {
            log.warn("Telegram: getChatMember in chat {} failed: {}", chatId, redactor.describe(e));
            return false;
        }
    }
}
