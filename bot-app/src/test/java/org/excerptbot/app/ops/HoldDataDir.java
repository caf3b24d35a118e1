package org.excerptbot.app.ops;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.excerptbot.core.store.Database;

/**
 * A running bot's hold on a data directory, in a process of its own for {@link SecondProcessTest}: the lock and the
 * embedded database, as the bot takes them; says {@code ready} and lets go when its standard input ends.
 */
public final class HoldDataDir {
    private HoldDataDir() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (DataDirLock lock = DataDirLock.take(dir, "bot");
                Database db = Database.embedded(dir)) {
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // hold until the end of input
            }
        }
    }
}
