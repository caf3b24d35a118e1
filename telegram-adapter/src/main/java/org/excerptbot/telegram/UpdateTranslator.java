package org.excerptbot.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.RepliedTo;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reference.References;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;

/**
 * Turns Telegram messages, channel posts and button presses into neutral {@link Request}s. A command is
 * {@code /name} or {@code /name@ThisBot} at the start of the text; {@code /name@OtherBot} is for another bot and
 * yields nothing. Other text that names passages ({@link References}, such as {@code 1.11} or {@code 原则二}) becomes
 * the {@code passage} command: always in a private chat, in a group only when it is addressed to the bot, by a
 * mention of its username or as a reply to one of its messages (what privacy mode lets through), and never in a
 * channel. The user's {@code language_code} picks the locale. Whether the user administers a group is
 * asked of Telegram (getChatMember) only when a command needs to know; a channel post, or a post by a group's
 * anonymous administrator, comes from an administrator by construction, while a button under a channel post may be
 * pressed by any subscriber and is asked about too. A command sent as a reply carries the replied-to message
 * ({@link RepliedTo}): /save as a reply to an excerpt saves it.
 */
public final class UpdateTranslator {
    private static final Pattern COMMAND =
            Pattern.compile("^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\\s+(.*))?$", Pattern.DOTALL);

    /** Asks Telegram whether a user administers a chat. */
    @FunctionalInterface
    public interface MemberLookup {
        boolean isAdmin(long chatId, long userId);
    }

    /** What a message says to the bot. */
    public sealed interface Translation {
        /** A command for the dispatcher. */
        record Command(Request request) implements Translation {}

        /** Text that is not a command, in a private chat: the user gets a hint. */
        record PlainText(ChatRef chat, Locale locale) implements Translation {}
    }

    private final String username;
    private final MemberLookup members;

    /**
     * @param username the bot's own username without {@code @} (from getMe)
     */
    public UpdateTranslator(String username, MemberLookup members) {
        if (username == null || username.isBlank()) throw new IllegalArgumentException("username: must not be blank");
        this.username = username;
        this.members = members;
    }

    /** A message or channel post; empty when it is not addressed to this bot. */
    public Optional<Translation> message(Message message) {
        if (message == null || message.getText() == null || message.getChat() == null) return Optional.empty();
        ChatRef chat = chat(message);
        Matcher m = COMMAND.matcher(message.getText().strip());
        Locale locale = locale(message.getFrom());
        if (!m.matches()) {
            Optional<String> addressed = addressedText(message, chat.type());
            if (addressed.isEmpty()) return Optional.empty();
            Optional<Input.Command> passage = References.passageRequest(addressed.get());
            if (passage.isPresent()) return Optional.of(new Translation.Command(request(message, chat, passage.get())));
            return chat.type() == ChatType.PRIVATE
                    ? Optional.of(new Translation.PlainText(chat, locale))
                    : Optional.empty();
        }
        if (m.group(2) != null && !m.group(2).equalsIgnoreCase(username)) return Optional.empty();
        Input input = new Input.Command(m.group(1).toLowerCase(Locale.ROOT), m.group(3) == null ? "" : m.group(3));
        return Optional.of(new Translation.Command(request(message, chat, input)));
    }

    private Request request(Message message, ChatRef chat, Input input) {
        UserRef user = user(message.getFrom(), message.getChat(), message.getSenderChat());
        return new Request(
                chat,
                user,
                locale(message.getFrom()),
                input,
                admin(message.getChat(), message.getFrom(), message.getSenderChat()),
                repliedTo(message.getReplyToMessage()));
    }

    /**
     * The message a command replies to: its text (or caption), and the data of its buttons when this bot sent it.
     * A message sent through the bot's inline mode is the user's (it carries no buttons of ours), read by its text.
     */
    private Optional<RepliedTo> repliedTo(Message replied) {
        if (replied == null) return Optional.empty();
        boolean own = isThisBot(replied.getFrom());
        String text = replied.getText() != null ? replied.getText() : replied.getCaption();
        List<String> actions = new ArrayList<>();
        if (own && replied.getReplyMarkup() != null && replied.getReplyMarkup().getKeyboard() != null) {
            for (List<InlineKeyboardButton> row : replied.getReplyMarkup().getKeyboard()) {
                for (InlineKeyboardButton b : row) {
                    if (b.getCallbackData() != null) actions.add(b.getCallbackData());
                }
            }
        }
        return Optional.of(new RepliedTo(text == null ? "" : text, actions, own));
    }

    private boolean isThisBot(User user) {
        return user != null && username.equalsIgnoreCase(user.getUserName());
    }

    /**
     * The text of a message meant for the bot, without the mentions of its username: any text in a private chat; in a
     * group, a message that mentions the bot or replies to one of its messages; nothing in a channel.
     */
    private Optional<String> addressedText(Message message, ChatType type) {
        String text = message.getText();
        if (type == ChatType.PRIVATE) return Optional.of(text);
        if (type != ChatType.GROUP) return Optional.empty();
        StringBuilder rest = new StringBuilder(text);
        boolean mentioned = false;
        List<MessageEntity> entities = message.getEntities() == null ? List.of() : message.getEntities();
        for (MessageEntity e : entities) {
            int start = e.getOffset() == null ? -1 : e.getOffset();
            int end = e.getLength() == null ? -1 : start + e.getLength();
            if (!"mention".equals(e.getType()) || start < 0 || end > text.length()) continue;
            if (!text.substring(start, end).equalsIgnoreCase("@" + username)) continue;
            mentioned = true;
            for (int i = start; i < end; i++) rest.setCharAt(i, ' ');
        }
        Message repliedTo = message.getReplyToMessage();
        boolean replyToBot = repliedTo != null && isThisBot(repliedTo.getFrom());
        return mentioned || replyToBot ? Optional.of(rest.toString()) : Optional.empty();
    }

    /** A button press; empty when the press carries no data or its message is unknown. */
    public Optional<Request> callback(CallbackQuery query) {
        if (query == null || query.getData() == null || query.getMessage() == null) return Optional.empty();
        Chat chat = query.getMessage().getChat();
        if (chat == null) return Optional.empty();
        ChatRef where = query.getMessage() instanceof Message m ? chat(m) : chat(chat);
        return Optional.of(new Request(
                where,
                user(query.getFrom(), chat, null),
                locale(query.getFrom()),
                new Input.Action(query.getData()),
                admin(chat, query.getFrom(), null)));
    }

    /**
     * The neutral reference of the chat a message is in, with the forum topic it was written in as the thread (none
     * for a forum's General topic, where {@code is_topic_message} is not set, and for replies in other groups, whose
     * {@code message_thread_id} names a reply thread, not a topic).
     */
    public static ChatRef chat(Message message) {
        ChatRef chat = chat(message.getChat());
        if (!Boolean.TRUE.equals(message.getIsTopicMessage()) || message.getMessageThreadId() == null) return chat;
        return chat.inThread(Optional.of(String.valueOf(message.getMessageThreadId())));
    }

    /** The neutral reference of a Telegram chat. */
    public static ChatRef chat(Chat chat) {
        ChatType type =
                switch (chat.getType()) {
                    case "private" -> ChatType.PRIVATE;
                    case "channel" -> ChatType.CHANNEL;
                    default -> ChatType.GROUP;
                };
        return new ChatRef(Platform.TELEGRAM, String.valueOf(chat.getId()), type);
    }

    /** The locale for a user's {@code language_code}: English for {@code en*}, otherwise Simplified Chinese. */
    public static Locale locale(User user) {
        return Messages.localeOf(user == null ? null : user.getLanguageCode());
    }

    private static UserRef user(User from, Chat chat, Chat senderChat) {
        if (from == null || senderChat != null) {
            Chat as = senderChat != null ? senderChat : chat;
            return new UserRef(String.valueOf(as.getId()), as.getTitle() == null ? "" : as.getTitle());
        }
        String name = from.getFirstName() == null ? "" : from.getFirstName();
        if (from.getLastName() != null) name = name + " " + from.getLastName();
        return new UserRef(String.valueOf(from.getId()), name.strip());
    }

    private AdminCheck admin(Chat chat, User from, Chat senderChat) {
        if ("private".equals(chat.getType())) return AdminCheck.ALWAYS;
        // a channel post has no user; a button under it is pressed by a user, who is asked about like in a group
        if ("channel".equals(chat.getType()) && from == null) return AdminCheck.ALWAYS;
        if (senderChat != null) {
            // the group's anonymous administrator posts as the group itself; a linked channel's post is not an admin
            return senderChat.getId().equals(chat.getId()) ? AdminCheck.ALWAYS : AdminCheck.NEVER;
        }
        if (from == null) return AdminCheck.NEVER;
        long chatId = chat.getId();
        long userId = from.getId();
        return new AdminCheck() {
            private Boolean known;

            @Override
            public synchronized boolean isAdmin() {
                if (known == null) known = members.isAdmin(chatId, userId);
                return known;
            }
        };
    }
}
