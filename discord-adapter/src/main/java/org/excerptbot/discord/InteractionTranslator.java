package org.excerptbot.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.CommandAutoCompleteInteraction;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.SlashCommandInteraction;
import net.dv8tion.jda.api.interactions.commands.context.MessageContextInteraction;
import net.dv8tion.jda.api.interactions.components.buttons.ButtonInteraction;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.RepliedTo;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.command.builtin.SearchCommand;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reference.References;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Discord interactions into neutral requests. A slash command's options become the command's argument text in
 * registration order ({@code /read document:1 paragraph:12} is {@code read 1 12}; {@code /subscribe channel:#news
 * time:07:30 timezone:Europe/Paris} is {@code subscribe 07:30 Europe/Paris} for #news); a button's custom id is the
 * action data; the message command Show passage asks for the passages its message names. The user's client language picks the reply language. The admin check is lazy and reads the
 * permissions Discord computed for the user: Manage Server, or Manage Channels on the chosen channel.
 */
public final class InteractionTranslator {
    private static final Logger log = LoggerFactory.getLogger(InteractionTranslator.class);

    private final SlashCommands commands;

    /** @param commands the slash commands, whose options say which values are arguments and in what order */
    public InteractionTranslator(SlashCommands commands) {
        this.commands = commands;
    }

    /** A slash command as a request; the {@code channel} option, if given, selects the chat. */
    public Request command(SlashCommandInteraction event) {
        List<String> words = new ArrayList<>();
        for (String option : commands.argumentOptions(event.getName())) {
            OptionMapping value = event.getOption(option);
            if (value != null && !value.getAsString().isBlank())
                words.add(SlashCommands.argumentText(option, value.getAsString()));
        }
        OptionMapping channelOption = event.getOption(SlashCommands.CHANNEL);
        Channel target = channelOption != null ? channelOption.getAsChannel() : event.getChannel();
        return request(event, target, new Input.Command(event.getName(), String.join(" ", words)));
    }

    /**
     * The chat an autocomplete is typed for: the channel already chosen in the {@code channel} option, else the one
     * the command is typed in. Discord sends a chosen channel as its id alone, without its type.
     */
    public ChatRef chat(CommandAutoCompleteInteraction event) {
        OptionMapping channelOption = event.getOption(SlashCommands.CHANNEL);
        if (channelOption == null || channelOption.getAsString().isBlank()) return chatOf(event, event.getChannel());
        String id = channelOption.getAsString().strip();
        Channel known = event.getGuild() == null ? null : event.getGuild().getGuildChannelById(id);
        if (known != null) return chatOf(event, known);
        return new ChatRef(Platform.DISCORD, id, ChatType.GROUP);
    }

    /**
     * The message command Show passage as the passage command for the references the message names, in the chat the
     * message is in; empty when it names none.
     */
    public Optional<Request> passage(MessageContextInteraction event) {
        return References.passageRequest(event.getTarget().getContentRaw())
                .map(input -> request(event, event.getChannel(), input));
    }

    /**
     * The message command Search this as /search for the message's text (its embeds' text when it has none, as the
     * bot's own posts), marks and mentions stripped, cut to the longest query.
     */
    public Request searchThis(MessageContextInteraction event) {
        String text = text(event.getTarget());
        String query = firstCharacters(text.replaceAll("\\s+", " ").strip(), SearchCommand.MAX_QUERY);
        return request(event, event.getChannel(), new Input.Command("search", query));
    }

    /**
     * The message command Save passage as /save of the message it is used on: its buttons' data when the bot sent
     * it (an excerpt's save button names the excerpt), its text otherwise, for the core to find the passage in.
     */
    public Request savePassage(MessageContextInteraction event) {
        Message message = event.getTarget();
        boolean own =
                message.getAuthor().getIdLong() == event.getJDA().getSelfUser().getIdLong();
        List<String> actions = own
                ? message.getComponentTree().findAll(Button.class).stream()
                        .map(Button::getCustomId)
                        .filter(Objects::nonNull)
                        .toList()
                : List.of();
        Request save = request(event, event.getChannel(), new Input.Command("save", ""));
        return new Request(
                save.chat(),
                save.user(),
                save.locale(),
                save.input(),
                save.admin(),
                Optional.of(new RepliedTo(text(message), actions, own)));
    }

    /** A message's text as its readers see it: its content, or its embeds' text when it has none (the bot's posts). */
    private static String text(Message message) {
        String text = message.getContentStripped();
        if (!text.isBlank()) return text;
        return message.getEmbeds().stream()
                .map(e -> e.getDescription() == null ? "" : MarkdownSanitizer.sanitize(e.getDescription()))
                .collect(Collectors.joining(" "));
    }

    /** The text's first {@code max} characters, never ending inside a surrogate pair or a word cut in two. */
    static String firstCharacters(String text, int max) {
        if (text.length() <= max) return text;
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        int space = text.lastIndexOf(' ', end);
        if (space > 0 && text.charAt(end) != ' ') end = space;
        return text.substring(0, end).strip();
    }

    /** A button press as a request for the chat it was pressed in. */
    public Request action(ButtonInteraction event) {
        return request(event, event.getChannel(), new Input.Action(event.getComponentId()));
    }

    private Request request(Interaction event, Channel target, Input input) {
        User user = event.getUser();
        Member member = event.getMember();
        String name = member != null ? member.getEffectiveName() : user.getEffectiveName();
        ChatRef chat = chatOf(event, target);
        AdminCheck admin = member == null ? AdminCheck.ALWAYS : () -> isAdmin(event, member, target);
        return new Request(
                chat,
                new UserRef(user.getId(), name),
                Messages.localeOf(event.getUserLocale().getLocale()),
                input,
                admin);
    }

    private static ChatRef chatOf(Interaction event, Channel target) {
        Channel channel = target != null ? target : event.getChannel();
        String id = channel != null ? channel.getId() : Long.toUnsignedString(event.getChannelIdLong());
        ChatType type;
        if (event.getGuild() == null) {
            type = ChatType.PRIVATE;
        } else if (channel != null && channel.getType() == ChannelType.NEWS) {
            type = ChatType.CHANNEL;
        } else {
            type = ChatType.GROUP;
        }
        return new ChatRef(Platform.DISCORD, id, type);
    }

    /** Manage Server (or Administrator) anywhere, or Manage Channels on the channel the command is about. */
    static boolean isAdmin(Interaction event, Member member, Channel target) {
        try {
            if (event.getChannel() instanceof GuildChannel here
                    && member.hasPermission(here, Permission.ADMINISTRATOR)) {
                return true;
            }
            if (event.getChannel() instanceof GuildChannel here
                    && member.hasPermission(here, Permission.MANAGE_SERVER)) {
                return true;
            }
            return target instanceof GuildChannel channel && member.hasPermission(channel, Permission.MANAGE_CHANNEL);
        } catch (RuntimeException e) {
            // Discord sends permissions only for the interaction's channel and resolved options
            log.debug("no permissions for {} in {}", member.getId(), target, e);
            return false;
        }
    }
}
