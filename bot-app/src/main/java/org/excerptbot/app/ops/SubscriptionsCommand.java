package org.excerptbot.app.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.excerptbot.app.BotRuntime;
import org.excerptbot.app.Main;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.core.script.ScriptChoice;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcChatPreferenceStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code subscriptions list|export|import}: the subscriptions of the configured database. */
@Command(
        name = "subscriptions",
        mixinStandardHelpOptions = true,
        description = "List, export or import the subscriptions of the configured database (JSON).",
        subcommands = {
            SubscriptionsCommand.ListCommand.class,
            SubscriptionsCommand.ExportCommand.class,
            SubscriptionsCommand.ImportCommand.class
        })
public final class SubscriptionsCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Opens the configured database, migrated: EXCERPT_BOT_DB_URL's, or the embedded one, through the running bot
     * when one has it open.
     */
    static Database open(AppConfig config) {
        if (config.database().isPresent()) return BotRuntime.openDatabase(config);
        return Database.attach(config.dataDir());
    }

    /** {@code subscriptions list}: one line per subscription. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "One line per subscription: id, platform, chat, type, time, zone, mode, language, cursor,"
                    + " status.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        SubscriptionsCommand parent;

        @Override
        public Integer call() {
            try (Database db = open(parent.main.config())) {
                List<Subscription> all = new JdbcSubscriptionStore(db.dataSource()).all();
                System.out.print(table(all));
                System.out.flush();
            }
            return 0;
        }
    }

    /** The listing's text. */
    static String table(List<Subscription> all) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "%-6s %-9s %-20s %-8s %-5s %-22s %-10s %-5s %6s %s%n",
                "ID", "PLATFORM", "CHAT", "TYPE", "TIME", "ZONE", "MODE", "LANG", "CURSOR", "STATUS"));
        long active = 0;
        for (Subscription s : all) {
            out.append(String.format(
                    "%-6d %-9s %-20s %-8s %-5s %-22s %-10s %-5s %6d %s%n",
                    s.id(),
                    lower(s.chat().platform()),
                    s.chat().id(),
                    lower(s.chat().type()),
                    s.slot().timeText(),
                    s.slot().zone().getId(),
                    s.mode().word(),
                    s.language(),
                    s.cursor(),
                    lower(s.status())));
            if (s.active()) active++;
        }
        out.append(all.size()).append(all.size() == 1 ? " subscription, " : " subscriptions, ");
        out.append(active).append(" active\n");
        return out.toString();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code subscriptions export [--file F]}. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write every subscription as JSON, to standard output or a file.")
    static final class ExportCommand implements Callable<Integer> {
        @ParentCommand
        SubscriptionsCommand parent;

        @Option(names = "--file", paramLabel = "FILE", description = "Write here instead of standard output.")
        Path file;

        @Override
        public Integer call() throws IOException {
            String json;
            try (Database db = open(parent.main.config())) {
                json = SubscriptionTransfer.export(
                        new JdbcSubscriptionStore(db.dataSource()),
                        new JdbcChatPreferenceStore(db.dataSource()),
                        Clock.systemUTC().instant());
            }
            TransferFiles.write(file, json);
            return 0;
        }
    }

    /** {@code subscriptions import FILE}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Make each chat's subscription as in FILE (an export); the whole file is checked first,"
                    + " and importing it again changes nothing.")
    static final class ImportCommand implements Callable<Integer> {
        @ParentCommand
        SubscriptionsCommand parent;

        @Parameters(paramLabel = "FILE", description = "A file written by subscriptions export.")
        Path file;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(file)) {
                System.err.println(file + ": no such file");
                return 1;
            }
            SubscriptionTransfer.Source source = SubscriptionTransfer.Source.of(file);
            int entries;
            List<ScriptChoice> scripts;
            try {
                entries = SubscriptionTransfer.check(source);
                scripts = ScriptChoiceTransfer.read(source);
            } catch (SubscriptionTransfer.InvalidFileException e) {
                System.err.println(file + ": " + e.getMessage() + ". Nothing was imported.");
                return 1;
            }
            SubscriptionTransfer.ImportResult r;
            ScriptChoiceTransfer.ImportResult chats;
            try (Database db = open(parent.main.config())) {
                SubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());
                Instant now = Clock.systemUTC().instant();
                r = SubscriptionTransfer.write(source, entries, store, now);
                chats = ScriptChoiceTransfer.restore(scripts, new JdbcChatPreferenceStore(db.dataSource()), now);
            } catch (SubscriptionTransfer.InvalidFileException e) {
                System.err.println(file + ": " + e.getMessage() + ".");
                return 1;
            }
            System.out.println("Imported " + file + ": " + r.changed() + " created or changed, " + r.unchanged()
                    + " already as in the file.");
            if (!scripts.isEmpty()) {
                System.out.println(
                        "Chats' scripts: " + chats.changed() + " set, " + chats.unchanged() + " already so.");
            }
            return 0;
        }
    }
}
