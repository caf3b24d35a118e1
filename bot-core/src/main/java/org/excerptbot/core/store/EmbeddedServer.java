package org.excerptbot.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H2 TCP server on the loopback interface serving the embedded database file this process has open, to the
 * management commands of other processes. Clients name the database by a random key (the server serves nothing
 * else), which, with the port, is in {@link #FILE} in the data directory, readable by its owner only.
 */
final class EmbeddedServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
    static final String FILE = "excerpt-bot.server";
    private static final String H2_BIND_ADDRESS = "h2.bindAddress";

    private final Server server;
    private final Path file;

    private EmbeddedServer(Server server, Path file) {
        this.server = server;
        this.file = file;
    }

    /** Serves {@code database} (the path H2 opens, without {@code .mv.db}) and records where in the data directory. */
    static EmbeddedServer start(Path dataDir, Path database) {
        // H2 binds its servers to every interface unless told otherwise; the property is read once, at H2's first
        // use. An address the operator set is kept.
        if (System.getProperty(H2_BIND_ADDRESS) == null) System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String key = "excerpt-bot-" + HexFormat.of().formatHex(random);
        Server server;
        try {
            server = Server.createTcpServer(
                            "-tcpPort", "0", "-tcpDaemon", "-ifExists", "-key", key, database.toString())
                    .start();
        } catch (SQLException e) {
            throw new StoreException("cannot serve the embedded database to other processes: " + e.getMessage(), e);
        }
        Path file = dataDir.toAbsolutePath().resolve(FILE);
        try {
            write(file, server.getPort(), key);
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
        log.debug("serving the embedded database to other processes on 127.0.0.1:{}", server.getPort());
        return new EmbeddedServer(server, file);
    }

    /** The URL of the server {@link #FILE} in {@code dataDir} names, if any. */
    static Optional<String> url(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(FILE);
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String port = p.getProperty("port");
        String key = p.getProperty("key");
        if (port == null || key == null || !port.matches("\\d{1,5}")) return Optional.empty();
        return Optional.of("jdbc:h2:tcp://127.0.0.1:" + port + "/" + key + ";LOCK_TIMEOUT=10000");
    }

    private static void write(Path file, int port, String key) throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("key", key);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "where the running Excerpt Bot serves its embedded database (loopback only)");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file, e.getMessage());
        }
        server.stop();
    }
}
