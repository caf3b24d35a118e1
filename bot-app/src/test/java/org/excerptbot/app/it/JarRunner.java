package org.excerptbot.app.it;

import java.io.ByteArrayOutputStream;
import java.io.File;
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
import java.util.jar.Attributes;
import java.util.jar.JarFile;

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
        return launch(List.of("-jar", jar().toAbsolutePath().toString()), args, env, workDir);
    }

    /**
     * Starts the jar's own Main-Class as {@link #start} does, with {@code extra} after the jar on the class path
     * and these JVM options ({@code -Dname=value}): what {@code java -cp excerpt-bot.jar:extra MAIN} runs.
     */
    public static Process startWith(
            Path extra, List<String> jvmOptions, List<String> args, Map<String, String> env, Path workDir)
            throws IOException {
        String classPath = jar().toAbsolutePath() + File.pathSeparator + extra.toAbsolutePath();
        List<String> launcher = new ArrayList<>(jvmOptions);
        launcher.addAll(List.of("-cp", classPath, mainClass()));
        return launch(launcher, args, env, workDir);
    }

    /** The Main-Class the jar's manifest names. */
    public static String mainClass() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            return jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        }
    }

    private static Process launch(List<String> launcher, List<String> args, Map<String, String> env, Path workDir)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx128m"));
        command.addAll(launcher);
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

    /** Collects what a running process writes to one of its streams; readable while it runs. */
    public static final class Output {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread reader;

        public Output(InputStream in) {
            reader = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(chunk)) > 0; ) {
                        synchronized (buffer) {
                            buffer.write(chunk, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Everything read so far. */
        public String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits up to 5 s for the stream's end, once the process has exited, so that its last lines are read. */
        public void awaitEnd() throws InterruptedException {
            reader.join(5_000);
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
