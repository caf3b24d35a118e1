package org.excerptbot.app.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the packaged excerpt-bot.jar as a separate process, as a self-hoster would. */
public final class JarRunner {
    /** What a run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {}

    private JarRunner() {}

    /** The jar that Maven packaged (system property excerptbot.jar, set by failsafe). */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("excerptbot.jar", "target/excerpt-bot.jar"));
        if (!Files.isRegularFile(jar))
            throw new IllegalStateException("package the jar first: " + jar.toAbsolutePath());
        return jar;
    }

    /** The java launcher of this JVM. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Starts the jar with these arguments and extra environment; the caller feeds and reads it. */
    public static Process start(List<String> args, Map<String, String> env, Path workDir) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(java(), "-Xmx128m", "-jar", jar().toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("EXCERPT_BOT_") || k.startsWith("TELEGRAM_") || k.startsWith("DISCORD_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs the jar to completion with this standard input. */
    public static Result run(List<String> args, Map<String, String> env, String stdin, Path workDir) {
        try {
            Process p = start(args, env, workDir);
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the jar did not exit: " + args);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                stream.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
