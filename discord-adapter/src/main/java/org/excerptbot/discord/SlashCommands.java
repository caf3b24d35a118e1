package org.excerptbot.discord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.builtin.SearchCommand;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Document;
import org.excerptbot.core.corpus.Point;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reference.References;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptCommands;
import org.excerptbot.core.subscription.ProgressCommands;

/**
 * The global slash commands, built from the core's commands and the corpus: English names and descriptions by
 * default, Chinese ones for {@code zh-CN} clients; choices named by the principles, proposals and documents;
 * autocomplete for search queries, time zones, days of the week and a channel's schedules. Every command can be
 * installed to a server or to a user's account and used in servers, the bot's DM and DMs between users, except the
 * subscription commands (subscribe, unsubscribe, settings, status), which need Manage Server by default and a server
 * that added the bot. /progress and /script, like /settings and /status, take a channel whose reading they show or
 * change (this one by default), but are offered to everyone everywhere: anyone may look, and the core lets only a
 * chat's administrators change the script of a server channel. Each command is one row of a single table: its
 * options and the core arguments they fill. Three message commands: Show passage reads the references in a message,
 * Search this searches for its words, Save passage bookmarks the passage it holds. Only commands the core's registry knows are registered.
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
    static final String FORMAT = "format";
    static final String DAYS = "days";
    static final String REFERENCE = "reference";
    static final String PASSAGE = "passage";
    static final String EXCERPT = "excerpt";
    static final String SCRIPT = "script";
    static final List<String> MODES = List.of("daily", "sequential");
    static final List<String> FORMATS = List.of("text", "card");

    private static final int DESCRIPTION_MAX = 100;
    private static final int CHOICE_NAME_MAX = 100;

    /** Who may see a command and where: anyone in any install and context, or server managers in servers. */
    enum Reach {
        EVERYWHERE,
        SERVER_MANAGERS
    }

    /**
     * An option of a slash command as registered, and the core arguments its value is typed for (none: the option
     * selects the chat instead). Most stand for the argument of their name; {@code /subscribe timezone} for {@code
     * zone}, and {@code /unsubscribe time} for a time or {@code all}.
     */
    record Option(OptionData data, List<String> arguments) {
        Option {
            arguments = List.copyOf(arguments);
        }

        String name() {
            return data.getName();
        }
    }

    /** A slash command: its name, reach and options in order. */
    record Slash(String name, Reach reach, List<Option> options) {
        Slash {
            options = List.copyOf(options);
        }

        /** The option of this name, if the command has one. */
        Optional<Option> option(String optionName) {
            return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
        }
    }

    private final Texts english;
    private final Texts chinese;
    private final Corpus corpus;
    /** Every slash command the adapter offers, in menu order: the one table a new command is added to. */
    private final List<Slash> table;

    public SlashCommands(Messages messages, Corpus corpus) {
        this.english = messages.texts(Messages.ENGLISH);
        this.chinese = messages.texts(Messages.CHINESE);
        this.corpus = corpus;
        this.table = table();
    }

    private List<Slash> table() {
        return List.of(
                everywhere("today"),
                everywhere("random"),
                everywhere("principle", argument(point("principle", corpus.principles()))),
                everywhere("proposal", argument(point("proposal", corpus.proposals()))),
                everywhere("read", argument(documentOption("read", true)), argument(paragraphOption("read"))),
                everywhere(
                        "search",
                        argument(option(OptionType.STRING, "search", QUERY, true)
                                .setAutoComplete(true)
                                .setMaxLength(SearchCommand.MAX_QUERY))),
                everywhere("card", argument(documentOption("card", false)), argument(paragraphOption("card"))),
                everywhere(
                        "related",
                        argument(option(OptionType.STRING, "related", REFERENCE, true)
                                .setMaxLength(ArgSpec.MAX_TEXT))),
                everywhere("save", argument(passageOption("save"))),
                everywhere("saved"),
                everywhere("unsave", argument(passageOption("unsave"))),
                everywhere(
                        ProgressCommands.COMMAND,
                        channelOption(ProgressCommands.COMMAND),
                        argument(option(OptionType.INTEGER, ProgressCommands.COMMAND, EXCERPT, false)
                                .setMinValue(1))),
                everywhere(
                        ScriptCommands.COMMAND,
                        channelOption(ScriptCommands.COMMAND),
                        argument(choices(
                                ScriptCommands.COMMAND,
                                SCRIPT,
                                Arrays.stream(Script.values()).map(Script::word).toList()))),
                everywhere("docs"),
                everywhere("about"),
                serverManagers(
                        "subscribe",
                        channelOption("subscribe"),
                        argument(option(OptionType.STRING, "subscribe", TIME, false)
                                .setMaxLength(5)),
                        new Option(
                                option(OptionType.STRING, "subscribe", TIMEZONE, false)
                                        .setAutoComplete(true)
                                        .setMaxLength(64),
                                List.of("zone")),
                        argument(choices("subscribe", MODE, MODES)),
                        argument(choices("subscribe", FORMAT, FORMATS)),
                        argument(option(OptionType.STRING, "subscribe", DAYS, false)
                                .setAutoComplete(true)
                                .setMaxLength(64))),
                serverManagers(
                        "unsubscribe",
                        channelOption("unsubscribe"),
                        new Option(
                                option(OptionType.STRING, "unsubscribe", TIME, false)
                                        .setAutoComplete(true)
                                        .setMaxLength(5),
                                List.of("time", "which"))),
                serverManagers("settings", channelOption("settings")),
                serverManagers("status", channelOption("status")));
    }

    private static Slash everywhere(String name, Option... options) {
        return new Slash(name, Reach.EVERYWHERE, List.of(options));
    }

    private static Slash serverManagers(String name, Option... options) {
        return new Slash(name, Reach.SERVER_MANAGERS, List.of(options));
    }

    /** An option typed for the core argument of its own name. */
    private static Option argument(OptionData data) {
        return new Option(data, List.of(data.getName()));
    }

    /** Every slash command the adapter can offer, in menu order (only those the registry has are registered). */
    List<String> names() {
        return table.stream().map(Slash::name).toList();
    }

    /** The slash command of this name, if the adapter offers one. */
    Optional<Slash> slash(String name) {
        return table.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The message context-menu command (Apps, on a message) that shows the passages the message names, when the
     * registry has the passage command.
     */
    static final String SHOW_PASSAGE = "Show passage";

    /** The message command that searches the texts for a message's words, when the registry has /search. */
    static final String SEARCH_THIS = "Search this";

    /** The message command that saves the passage a message holds to the reader's bookmarks, with /save. */
    static final String SAVE_PASSAGE = "Save passage";

    /** The most message commands Discord lets an application register. */
    static final int MAX_MESSAGE_COMMANDS = 5;

    /** Where a command may be installed: to a server, and to a user's account (then usable anywhere they are). */
    static final List<IntegrationType> EVERYWHERE_INSTALLS =
            List.of(IntegrationType.GUILD_INSTALL, IntegrationType.USER_INSTALL);

    /** Where a command may be used: servers, the bot's DM, and DMs and group DMs between users (user installs). */
    static final List<InteractionContextType> EVERYWHERE_CONTEXTS = List.of(
            InteractionContextType.GUILD, InteractionContextType.BOT_DM, InteractionContextType.PRIVATE_CHANNEL);

    /**
     * The commands to register: those of the table that the registry has, in that order, then the message
     * commands {@link #SHOW_PASSAGE}, {@link #SEARCH_THIS} and {@link #SAVE_PASSAGE} (of the
     * {@link #MAX_MESSAGE_COMMANDS} Discord allows). All of them work in a user install, in servers that
     * have not added the bot and in DMs, except the subscription commands: a channel's posts need the bot in the
     * server.
     */
    public List<CommandData> build(CommandRegistry registry) {
        List<CommandData> out = new ArrayList<>();
        for (Slash slash : table) {
            String name = slash.name();
            if (registry.find(name).isEmpty()) continue;
            String key = "discord.command." + name;
            SlashCommandData data = Commands.slash(name, describe(english, key + ".description"))
                    .setNameLocalization(DiscordLocale.CHINESE_CHINA, chinese.get(key))
                    .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, describe(chinese, key + ".description"))
                    .addOptions(slash.options().stream().map(Option::data).toList());
            if (slash.reach() == Reach.SERVER_MANAGERS) {
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
        if (registry.find("save").isPresent()) {
            out.add(messageCommand(SAVE_PASSAGE, "discord.command.save.passage"));
        }
        return out;
    }

    private CommandData messageCommand(String name, String key) {
        return Commands.message(name)
                .setNameLocalization(DiscordLocale.CHINESE_CHINA, chinese.get(key))
                .setIntegrationTypes(EVERYWHERE_INSTALLS)
                .setContexts(EVERYWHERE_CONTEXTS);
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

    private OptionData passageOption(String command) {
        return option(OptionType.STRING, command, PASSAGE, true).setMaxLength(ArgSpec.MAX_TEXT);
    }

    private Option channelOption(String command) {
        return new Option(
                option(OptionType.CHANNEL, command, CHANNEL, false).setChannelTypes(ChannelType.TEXT, ChannelType.NEWS),
                List.of());
    }

    /** A choice of words, each named by {@code discord.choice.<option>.<word>}. */
    private OptionData choices(String command, String name, List<String> words) {
        OptionData o = option(OptionType.STRING, command, name, false);
        for (String word : words) {
            String key = "discord.choice." + name + "." + word;
            o.addChoices(new Command.Choice(choiceName(english.get(key)), word)
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

    /**
     * The options of a command whose values become its neutral arguments, in registration order (the channel option
     * selects the chat instead).
     */
    List<String> argumentOptions(String command) {
        return slash(command).stream()
                .flatMap(s -> s.options().stream())
                .filter(o -> !o.arguments().isEmpty())
                .map(Option::name)
                .toList();
    }

    /** An option's value as argument text: a list of days is one word, whatever spaces were typed after its commas. */
    static String argumentText(String option, String value) {
        String v = value.strip();
        return option.equals(DAYS) ? v.replaceAll("\\s+", "") : v;
    }
}
