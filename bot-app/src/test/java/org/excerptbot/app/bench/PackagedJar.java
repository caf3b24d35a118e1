package org.excerptbot.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged {@code excerpt-bot.jar} as a self-hoster runs it, for the benchmarks: the README's command
 * ({@code java -XX:TieredStopAtLevel=1 -jar excerpt-bot.jar}, or plain {@code java -jar}), a heap option if the
 * benchmark sets one, extra JVM options, a fresh home directory whose {@code data} directory does not exist yet (so
 * the bot creates its H2 database), and an environment without the caller's {@code TELEGRAM_}, {@code DISCORD_} and
 * {@code EXCERPT_BOT_} variables. Standard output and error go to {@code bot.log} in the home directory.
 *
 * <p>System properties: {@code bench.jar} (default {@code bot-app/target/excerpt-bot.jar}), {@code bench.plain}
 * ({@code true}: no {@code -XX:TieredStopAtLevel=1}), {@code bench.botJavaOpts} (extra options, split on spaces).
 */
final class PackagedJar implements AutoCloseable {
    static final String README_FLAG = "-XX:TieredStopAtLevel=1";

    private final Path jar;
    private final List<String> jvmOptions;
    private final Path home;

    private PackagedJar(Path jar, List<String> jvmOptions, Path home) {
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.home = home;
    }

    /** The jar named by the system properties, with this heap option (null: the JVM's default), in a new home. */
    static PackagedJar fromProperties(String heapOption) {
        Path jar = Path.of(System.getProperty("bench.jar", "bot-app/target/excerpt-bot.jar"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + ": no such jar; build it with mvn -B -q -o -DskipTests -Dspotless.check.skip=true package");
        }
        List<String> options = new ArrayList<>();
        if (heapOption != null) options.add(heapOption);
        if (!Boolean.getBoolean("bench.plain")) options.add(README_FLAG);
        String extra = System.getProperty("bench.botJavaOpts", "").strip();
        if (!extra.isEmpty()) options.addAll(Arrays.asList(extra.split("\\s+")));
        try {
            return new PackagedJar(jar, List.copyOf(options), Files.createTempDirectory("excerpt-bot-bench-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory given as EXCERPT_BOT_DATA_DIR; it does not exist before the first run. */
    Path dataDir() {
        return home.resolve("data");
    }

    Path home() {
        return home;
    }

    /** The command line for these arguments, as a self-hoster would type it (the java of this JVM). */
    List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }

    /** How the command reads, with {@code java} for the launcher's full path. */
    String describe(List<String> args) {
        List<String> command = new ArrayList<>(command(args));
        command.set(0, "java");
        return String.join(" ", command);
    }

    /** A started process of the jar, and the System.nanoTime just before it was started. */
    record Launched(Process process, long launchNanos) {
        long pid() {
            return process.pid();
        }
    }

    /** Starts the jar with these arguments and these variables on top of the cleaned environment. */
    Launched launch(List<String> args, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(home.toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("EXCERPT_BOT_") || k.startsWith("TELEGRAM_") || k.startsWith("DISCORD_"));
        pb.environment().put("EXCERPT_BOT_DATA_DIR", dataDir().toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            long launch = System.nanoTime();
            Process process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new Launched(process, launch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a subcommand to its end (at most {@code timeoutSeconds}); returns its exit code. */
    int run(List<String> args, Map<String, String> env, long timeoutSeconds) throws InterruptedException {
        Launched run = launch(args, env);
        try {
            run.process().getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!run.process().waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            run.process().destroyForcibly();
            throw new IllegalStateException("the jar did not finish " + args + " in " + timeoutSeconds + " s");
        }
        return run.process().exitValue();
    }

    /**
     * Sends SIGTERM (the graceful stop) and waits up to {@code timeoutSeconds} for the process to end; returns the
     * seconds it took, or -1 when it had to be killed.
     */
    static double stop(Launched launched, long timeoutSeconds) throws InterruptedException {
        Process p = Objects.requireNonNull(launched, "launched").process();
        if (!p.isAlive()) return 0;
        long t0 = System.nanoTime();
        p.destroy(); // SIGTERM on Linux
        if (p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) return (System.nanoTime() - t0) / 1e9;
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return -1;
    }

    Path log() {
        return home.resolve("bot.log");
    }

    /** The last lines of the jar's output, for a failure's message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** How many lines of the jar's output contain this text. */
    long logLinesContaining(String text) {
        try (Stream<String> lines = Files.lines(log(), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /**
     * Deletes the home directory, the database with it; with {@code BENCH_KEEP_LOGS} (a directory) the jar's output
     * is copied there first, named after the home directory.
     */
    @Override
    public void close() {
        String keep = System.getenv("BENCH_KEEP_LOGS");
        if (keep != null && !keep.isBlank() && Files.exists(log())) {
            try {
                Path dir = Files.createDirectories(Path.of(keep));
                Path kept = Files.copy(log(), dir.resolve(home.getFileName() + ".log"));
                System.err.println("the jar's output is kept in " + kept);
            } catch (IOException e) {
                System.err.println("could not keep " + log() + ": " + e.getMessage());
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + home + ": " + e.getMessage());
        }
    }
}
