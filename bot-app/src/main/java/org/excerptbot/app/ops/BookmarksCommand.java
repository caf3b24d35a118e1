package org.excerptbot.app.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.excerptbot.app.Main;
import org.excerptbot.core.store.Database;
import org.excerptbot.core.store.JdbcBookmarkStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bookmarks export|import}: the readers' bookmarks of the configured database. */
@Command(
        name = "bookmarks",
        mixinStandardHelpOptions = true,
        description = "Export or import the readers' bookmarks of the configured database (JSON).",
        subcommands = {BookmarksCommand.ExportCommand.class, BookmarksCommand.ImportCommand.class})
public final class BookmarksCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** {@code bookmarks export [--file F]}. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write every bookmark as JSON, to standard output or a file.")
    static final class ExportCommand implements Callable<Integer> {
        @ParentCommand
        BookmarksCommand parent;

        @Option(names = "--file", paramLabel = "FILE", description = "Write here instead of standard output.")
        Path file;

        @Override
        public Integer call() throws IOException {
            String json;
            try (Database db = SubscriptionsCommand.open(parent.main.config())) {
                json = BookmarkTransfer.export(
                        new JdbcBookmarkStore(db.dataSource()),
                        Clock.systemUTC().instant());
            }
            TransferFiles.write(file, json);
            return 0;
        }
    }

    /** {@code bookmarks import FILE}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Make each bookmark in FILE (an export) exist with its date; the whole file is checked"
                    + " first, and importing it again changes nothing.")
    static final class ImportCommand implements Callable<Integer> {
        @ParentCommand
        BookmarksCommand parent;

        @Parameters(paramLabel = "FILE", description = "A file written by bookmarks export.")
        Path file;

        @Override
        public Integer call() throws IOException {
            Optional<String> read = TransferFiles.read(file);
            if (read.isEmpty()) return 1;
            String json = read.get();
            try {
                BookmarkTransfer.parse(json);
            } catch (BookmarkTransfer.InvalidFileException e) {
                System.err.println(file + ": " + e.getMessage() + ". Nothing was imported.");
                return 1;
            }
            BookmarkTransfer.ImportResult r;
            try (Database db = SubscriptionsCommand.open(parent.main.config())) {
                r = BookmarkTransfer.importJson(json, new JdbcBookmarkStore(db.dataSource()));
            }
            System.out.println("Imported " + file + ": " + r.changed() + " created or changed, " + r.unchanged()
                    + " already as in the file.");
            return 0;
        }
    }
}
