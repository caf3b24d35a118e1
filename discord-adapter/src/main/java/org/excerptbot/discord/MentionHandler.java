package org.excerptbot.discord;

import java.util.Optional;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reference.References;
import org.excerptbot.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a server message that mentions the bot and names passages ({@code @ExcerptBot 1.11 和原则二}) with those
 * passages, as a reply to it; every other message, and one that names nothing (a number in ordinary chat), gets
 * nothing. Needs only the GUILD_MESSAGES intent: Discord sends the content of a message that mentions the bot without
 * the privileged MESSAGE_CONTENT intent, and this reads the content of no other message. Replies are in the server's
 * language, since a message carries no client locale.
 */
final class MentionHandler extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MentionHandler.class);
    /** User, role and channel mentions as Discord writes them in a message's raw content. */
    private static final Pattern MENTION = Pattern.compile("<(@[!&]?|#)\\d+>");

    private final CommandDispatcher dispatcher;
    private final EmbedRenderer renderer;

    MentionHandler(CommandDispatcher dispatcher, EmbedRenderer renderer) {
        this.dispatcher = dispatcher;
        this.renderer = renderer;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        if (!event.isFromGuild() || event.getAuthor().isBot() || event.isWebhookMessage()) return;
        Message message = event.getMessage();
        if (!message.getMentions().isMentioned(event.getJDA().getSelfUser(), Message.MentionType.USER)) return;
        Optional<Request> request = request(event);
        if (request.isEmpty()) return;
        try {
            Optional<Reply> reply = dispatcher.dispatch(request.get());
            // an error (say, a passage past the end of a text) is only for the one who asked: not posted in the channel
            if (reply.isEmpty() || renderer.ephemeral(reply.get())) return;
            message.reply(renderer.create(reply.get()))
                    .mentionRepliedUser(false)
                    .queue(
                            null,
                            error -> log.warn(
                                    "Discord refused the passages for a mention in channel {}: {}",
                                    message.getChannelId(),
                                    error.toString()));
        } catch (RuntimeException e) {
            // a channel where the bot may not post, say: JDA checks the permissions it knows before sending
            log.warn("no answer to a mention in channel {}: {}", message.getChannelId(), e.toString());
        }
    }

    /** The passage command for the references the message names, without its mentions; empty when it names none. */
    private static Optional<Request> request(MessageReceivedEvent event) {
        String text = MENTION.matcher(event.getMessage().getContentRaw()).replaceAll(" ");
        Optional<Input.Command> passage = References.passageRequest(text);
        if (passage.isEmpty()) return Optional.empty();
        ChatType type = event.getChannelType() == ChannelType.NEWS ? ChatType.CHANNEL : ChatType.GROUP;
        String name = event.getMember() != null
                ? event.getMember().getEffectiveName()
                : event.getAuthor().getEffectiveName();
        return Optional.of(new Request(
                new ChatRef(Platform.DISCORD, event.getChannel().getId(), type),
                new UserRef(event.getAuthor().getId(), name),
                Messages.localeOf(event.getGuild().getLocale().getLocale()),
                passage.get(),
                AdminCheck.NEVER));
    }
}
