package org.excerptbot.app.ops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import org.excerptbot.app.config.AppConfig;

/**
 * The one bot (or console) of an embedded data directory: an operating-system lock on {@link #FILE} in it, which
 * also names the holder (pid, what it runs, since when). Two of them would run two schedulers on one embedded
 * database; the management commands take no lock (they go through the running bot's server). The lock goes with the
 * process, however it ends.
 */
public final class DataDirLock implements AutoCloseable {
    /** The lock file in the data directory. */
    public static final String FILE = "excerpt-bot.pid";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the data directory for {@code role} ({@code bot}, {@code console}) when the database is the embedded
     * one; with EXCERPT_BOT_DB_URL there is nothing to take (PostgreSQL serves several instances).
     *
     * @throws InUseException when another bot or console holds it
     */
    public static DataDirLock take(AppConfig config, String role) {
        Objects.requireNonNull(config, "config");
        if (config.database().isPresent()) return new DataDirLock(null, null);
        return take(config.dataDir(), role);
    }

    /** Takes {@code dataDir} (created if absent) for {@code role}; see {@link #take(AppConfig, String)}. */
    public static DataDirLock take(Path dataDir, String role) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(role, "role");
        Path dir = dataDir.toAbsolutePath();
        Path file = dir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this very process holds it
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new InUseException(dir, holder);
            }
            String self = "pid " + ProcessHandle.current().pid() + ", " + role + ", since " + Instant.now();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            if (channel != null) closeQuietly(channel);
            throw new IllegalStateException("cannot lock the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(256);
        int n = channel.read(buf, 0);
        String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "pid unknown" : text.lines().findFirst().orElse("");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the failure that led here is the one to report
        }
    }

    /** Gives the data directory up (idempotent). */
    @Override
    public void close() {
        if (channel == null) return;
        try {
            if (lock.isValid()) lock.release();
            channel.close();
        } catch (IOException e) {
            // the process ending releases it anyway
        }
    }

    /** Another bot or console runs on the data directory: the one-line message says which and what to do. */
    public static final class InUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InUseException(Path dataDir, String holder) {
            super("Another Excerpt Bot (" + holder + ") is running on the data directory " + dataDir
                    + "; the embedded database serves one bot per directory. Stop that one first, or give every"
                    + " instance a PostgreSQL database (EXCERPT_BOT_DB_URL) to run several.");
        }
    }
}
