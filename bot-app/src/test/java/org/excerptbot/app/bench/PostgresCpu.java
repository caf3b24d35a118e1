package org.excerptbot.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU PostgreSQL's server processes have used, read from /proc as {@link ProcStats} reads the bot's (utime +
 * stime): a local server on this machine. Two sums: the benchmark's own share, i.e. the backends serving
 * {@code database} plus the server's background processes (checkpointer, WAL writer, autovacuum ...) and the
 * postmaster; and all of the server, which adds other databases' backends and, through the postmaster's cutime and
 * cstime, every backend that has exited (the only trace of a connection that closed during the run).
 */
final class PostgresCpu {
    private static final double MS_PER_TICK = 10.0; // USER_HZ is 100 on Linux

    /** CPU in milliseconds at one moment. */
    record Sample(double ownMs, double allMs) {
        Sample minus(Sample before) {
            return new Sample(ownMs - before.ownMs, allMs - before.allMs);
        }
    }

    private record Proc(long pid, long ppid, long cpuTicks, long childTicks, String cmdline) {}

    private PostgresCpu() {}

    /** Now, for the backends of {@code database} and the whole server. */
    static Sample sample(String database) {
        Map<Long, Proc> postgres = new HashMap<>();
        for (Proc p : processes()) postgres.put(p.pid(), p);
        double own = 0;
        double all = 0;
        for (Proc p : postgres.values()) {
            boolean postmaster = !postgres.containsKey(p.ppid());
            all += p.cpuTicks() + (postmaster ? p.childTicks() : 0);
            // a backend's title is "postgres: <cluster>: <user> <database> <client> <state>"; the others have
            // no client address
            boolean backend =
                    p.cmdline().matches(".*\\(\\d+\\).*") || p.cmdline().contains("[local]");
            if (!backend || p.cmdline().contains(" " + database + " ")) own += p.cpuTicks();
        }
        return new Sample(own * MS_PER_TICK, all * MS_PER_TICK);
    }

    private static List<Proc> processes() {
        List<Proc> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir :
                    dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(open + 1, close).equals("postgres")) continue;
                    String[] f = stat.substring(close + 2).split(" ");
                    String cmdline = Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
                    found.add(new Proc(
                            Long.parseLong(dir.getFileName().toString()),
                            Long.parseLong(f[1]),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]),
                            Long.parseLong(f[13]) + Long.parseLong(f[14]),
                            cmdline));
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return found;
    }
}
