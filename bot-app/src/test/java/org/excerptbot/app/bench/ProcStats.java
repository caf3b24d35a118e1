package org.excerptbot.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What Linux's /proc says about a process, and small figures the benchmarks print. */
final class ProcStats {
    private static final double MS_PER_TICK = 10.0; // USER_HZ is 100 on Linux

    private ProcStats() {}

    /** A field of /proc/PID/status in KiB ({@code VmRSS}, {@code VmHWM}); -1 when the process is gone. */
    static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(
                            line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has ended
        }
        return -1;
    }

    /** User plus system CPU of a process so far, in milliseconds; -1 when the process is gone. */
    static double cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * MS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU this JVM (the driver and its fake Bot API) has used so far, in milliseconds. */
    static double ownCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e6;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** The p-th percentile (nearest rank) of sorted values; p 100 is the maximum. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double mib(long kib) {
        return kib / 1024.0;
    }

    /**
     * Samples a process's VmRSS every 100 ms from {@link #start} until {@link #close}: the peak so far, the peak
     * since a mark, and the latest sample.
     */
    static final class RssSampler implements AutoCloseable {
        private final long pid;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler");
            t.setDaemon(true);
            return t;
        });
        private final AtomicLong peakKib = new AtomicLong(-1);
        private final AtomicLong peakSinceMarkKib = new AtomicLong(-1);
        private final AtomicLong lastKib = new AtomicLong(-1);
        private final AtomicLong samples = new AtomicLong();

        private RssSampler(long pid) {
            this.pid = pid;
        }

        static RssSampler start(long pid) {
            RssSampler s = new RssSampler(pid);
            s.timer.scheduleAtFixedRate(s::sample, 0, 100, TimeUnit.MILLISECONDS);
            return s;
        }

        private void sample() {
            long kib = statusKib(pid, "VmRSS");
            if (kib < 0) return;
            samples.incrementAndGet();
            lastKib.set(kib);
            peakKib.accumulateAndGet(kib, Math::max);
            peakSinceMarkKib.accumulateAndGet(kib, Math::max);
        }

        /** Starts the "since mark" peak afresh (e.g. at the due minute). */
        void mark() {
            peakSinceMarkKib.set(lastKib.get());
        }

        long peakKib() {
            return peakKib.get();
        }

        long peakSinceMarkKib() {
            return peakSinceMarkKib.get();
        }

        long lastKib() {
            return lastKib.get();
        }

        long samples() {
            return samples.get();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
