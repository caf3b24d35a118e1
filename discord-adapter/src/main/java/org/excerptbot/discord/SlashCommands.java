package org.excerptbot.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.builtin.SearchCommand;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Document;
import org.excerptbot.core.corpus.Point;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reference.References;

/**
 * The global slash commands, built from the core's commands and the corpus: English names and descriptions by
 * default, Chinese ones for {@code zh-CN} clients; choices named by the principles, proposals and documents;
 * autocomplete for search queries and time zones. Every command can be installed to a server or to a user's account
 * and used in servers, the bot's DM and DMs between users, except the subscription commands, which need Manage Server
 * by default and a server that added the bot. Two message commands: Show passage reads the references in a message,
 * Search this searches for its words. Only commands the core's registry knows are registered.
 */
public final class SlashCommands {
    static final String NUMBER = "number";
    static final String DOCUMENT = "document";
    static final String PARAGRAPH = "paragraph";
    static final String QUERY = "query";
    static final String CHANNEL = "channel";
    static final String TIME = "time";
    static final String TIMEZONE = "timezone";
    static final String MODE = "mode";
    static final List<String> MODES = List.of("daily", "sequential");

    /** Every command the adapter offers, in menu order. */
    static final List<String> NAMES = List.of(
            "today",
            "random",
            "principle",
            "proposal",
            "read",
            "search",
            "card",
            "docs",
            "about",
            "subscribe",
            "unsubscribe",
            "settings");

    /** The commands that change or show a channel's subscription: admins only by default, in servers only. */
    static final Set<String> SUBSCRIPTION = Set.of("subscribe", "unsubscribe", "settings");

    private static final int DESCRIPTION_MAX = 100;
    private static final int CHOICE_NAME_MAX = 100;

    private final Texts english;
    private final Texts chinese;
    private final Corpus corpus;

    public SlashCommands(Messages messages, Corpus corpus) {
        this.english = messages.texts(Messages.ENGLISH);
        this.chinese = messages.texts(Messages.CHINESE);
        this.corpus = corpus;
    }

    /**
     * The message context-menu command (Apps, on a message) that shows the passages the message names, when the
     * registry has the passage command.
     */
    static final String SHOW_PASSAGE = "Show passage";

    /** The message command that searches the texts for a message's words, when the registry has /search. */
    static final String SEARCH_THIS = "Search this";

    /** Where a command may be installed: to a server, and to a user's account (then usable anywhere they are). */
    static final List<IntegrationType> EVERYWHERE_INSTALLS =
            List.of(IntegrationType.GUILD_INSTALL, IntegrationType.USER_INSTALL);

    /** Where a command may be used: servers, the bot's DM, and DMs and group DMs between users (user installs). */
    static final List<InteractionContextType> EVERYWHERE_CONTEXTS = List.of(
            InteractionContextType.GUILD, InteractionContextType.BOT_DM, InteractionContextType.PRIVATE_CHANNEL);

    /**
     * The commands to register: those of {@link #NAMES} that the registry has, in that order, then the message
     * commands {@link #SHOW_PASSAGE} and {@link #SEARCH_THIS}. All of them work in a user install, in servers that
     * have not added the bot and in DMs, except the subscription commands: a channel's posts need the bot in the
     * server.
     */
    public List<CommandData> build(CommandRegistry registry) {
        List<CommandData> out = new ArrayList<>();
        for (String name : NAMES) {
            if (registry.find(name).isEmpty()) continue;
            String key = "discord.command." + name;
            SlashCommandData data = Commands.slash(name, describe(english, key + ".description"))
                    .setNameLocalization(DiscordLocale.CHINESE_CHINA, chinese.get(key))
                    .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, describe(chinese, key + ".description"))
                    .addOptions(options(name));
            if (SUBSCRIPTION.contains(name)) {
                data.setIntegrationTypes(IntegrationType.GUILD_INSTALL)
                        .setContexts(InteractionContextType.GUILD)
                        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER));
            } else {
                data.setIntegrationTypes(EVERYWHERE_INSTALLS).setContexts(EVERYWHERE_CONTEXTS);
            }
            out.add(data);
        }
        if (registry.find(References.COMMAND).isPresent()) {
            out.add(messageCommand(SHOW_PASSAGE, "discord.command.show.passage"));
        }
        if (registry.find("search").isPresent()) {
            out.add(messageCommand(SEARCH_THIS, "discord.command.search.this"));
        }
        return out;
    }

    private CommandData messageCommand(String name, String key) {
        return Commands.message(name)
                .setNameLocalization(DiscordLocale.CHINESE_CHINA, chinese.get(key))
                .setIntegrationTypes(EVERYWHERE_INSTALLS)
                .setContexts(EVERYWHERE_CONTEXTS);
    }

    private List<OptionData> options(String command) {
        return switch (command) {
            case "principle" -> List.of(point(command, corpus.principles()));
            case "proposal" -> List.of(point(command, corpus.proposals()));
            case "read" -> List.of(documentOption(command, true), paragraphOption(command));
            case "card" -> List.of(documentOption(command, false), paragraphOption(command));
            case "search" -> List.of(option(OptionType.STRING, command, QUERY, true)
                    .setAutoComplete(true)
                    .setMaxLength(SearchCommand.MAX_QUERY));
            case "subscribe" -> List.of(
                    channelOption(command),
                    option(OptionType.STRING, command, TIME, false).setMaxLength(5),
                    option(OptionType.STRING, command, TIMEZONE, false)
                            .setAutoComplete(true)
                            .setMaxLength(64),
                    modeOption(command));
            case "unsubscribe", "settings" -> List.of(channelOption(command));
            default -> List.of();
        };
    }

    private OptionData option(OptionType type, String command, String name, boolean required) {
        String key = "discord.option." + command + "." + name;
        return new OptionData(type, name, describe(english, key), required)
                .setNameLocalization(DiscordLocale.CHINESE_CHINA, chinese.get("discord.option." + name))
                .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, describe(chinese, key));
    }

    private OptionData point(String command, List<Point> points) {
        OptionData o = option(OptionType.INTEGER, command, NUMBER, false);
        for (Point p : points) o.addChoices(new Command.Choice(choiceName(p.number() + " " + p.name()), p.number()));
        return o;
    }

    private OptionData documentOption(String command, boolean required) {
        OptionData o = option(OptionType.INTEGER, command, DOCUMENT, required);
        for (Document d : corpus.documents()) {
            o.addChoices(
                    new Command.Choice(choiceName(d.number() + " " + d.info().titleEn()), d.number())
                            .setNameLocalization(
                                    DiscordLocale.CHINESE_CHINA,
                                    choiceName(d.number() + " 《" + d.info().title() + "》")));
        }
        return o;
    }

    private OptionData paragraphOption(String command) {
        int longest =
                corpus.documents().stream().mapToInt(d -> d.body().size()).max().orElse(1);
        return option(OptionType.INTEGER, command, PARAGRAPH, false)
                .setMinValue(1)
                .setMaxValue(longest);
    }

    private OptionData channelOption(String command) {
        return option(OptionType.CHANNEL, command, CHANNEL, false).setChannelTypes(ChannelType.TEXT, ChannelType.NEWS);
    }

    private OptionData modeOption(String command) {
        OptionData o = option(OptionType.STRING, command, MODE, false);
        for (String mode : MODES) {
            String key = "discord.choice.mode." + mode;
            o.addChoices(new Command.Choice(choiceName(english.get(key)), mode)
                    .setNameLocalization(DiscordLocale.CHINESE_CHINA, choiceName(chinese.get(key))));
        }
        return o;
    }

    private static String describe(Texts texts, String key) {
        return EmbedRenderer.cut(texts.get(key), DESCRIPTION_MAX);
    }

    private static String choiceName(String name) {
        return EmbedRenderer.cut(name, CHOICE_NAME_MAX);
    }

    /** The option names of a command that become its neutral arguments, in order (the channel option selects the chat). */
    static List<String> argumentOptions(String command) {
        return ARGUMENTS.getOrDefault(command, List.of());
    }

    private static final Map<String, List<String>> ARGUMENTS = Map.of(
            "principle", List.of(NUMBER),
            "proposal", List.of(NUMBER),
            "read", List.of(DOCUMENT, PARAGRAPH),
            "card", List.of(DOCUMENT, PARAGRAPH),
            "search", List.of(QUERY),
            "subscribe", List.of(TIME, TIMEZONE, MODE));
}
