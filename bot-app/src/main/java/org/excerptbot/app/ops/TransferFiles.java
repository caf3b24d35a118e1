package org.excerptbot.app.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the export and import subcommands write and read their JSON. */
final class TransferFiles {
    private TransferFiles() {}

    /** Writes an export to {@code file}, or to standard output when there is none. */
    static void write(Path file, String json) throws IOException {
        if (file == null) {
            System.out.print(json);
            System.out.flush();
        } else {
            Files.writeString(file, json, StandardCharsets.UTF_8);
            System.err.println("Wrote " + file.toAbsolutePath());
        }
    }

    /** The file's text; empty, after saying so on standard error, when there is no such file. */
    static Optional<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            System.err.println(file + ": no such file");
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    }
}
