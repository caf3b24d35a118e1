package org.excerptbot.telegram.delivery;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * CPU time of this process, per thread, from {@code /proc/self/task/<tid>/stat} (user + system, the kernel's own
 * accounting, so the JIT compilers, the collector and system calls count too). Threads are grouped by name without
 * digits ({@code sender-TELEGRAM-3} and {@code sender-TELEGRAM-17} are {@code sender-TELEGRAM-#}); the kernel keeps
 * at most 15 characters of a name. A benchmark diagnostic, for Linux only: elsewhere a snapshot is empty.
 *
 * @param processNanos the process's CPU time (threads that ended included)
 * @param byGroup CPU ticks per thread group (the live threads only)
 */
record ThreadCpu(long processNanos, Map<String, Long> byGroup) {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    /** The CPU time used so far. */
    static ThreadCpu now() {
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        Map<String, Long> groups = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
                String[] fields = stat.substring(close + 2).split(" ");
                // fields[0] is field 3 (state); utime and stime are fields 14 and 15
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                groups.merge(name, ticks * NANOS_PER_TICK, Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return new ThreadCpu(process, Map.of());
        }
        return new ThreadCpu(process, groups);
    }

    /**
     * Milliseconds of CPU per post since {@code before}, per thread group, largest first, groups under 1 % of the
     * total summed as {@code rest}; {@code ended/untracked} is the process's time not found in live threads.
     */
    Map<String, String> perPostSince(ThreadCpu before, int posts) {
        long total = processNanos - before.processNanos;
        Map<String, Long> delta = new HashMap<>();
        byGroup.forEach((k, v) -> delta.put(k, v - before.byGroup.getOrDefault(k, 0L)));
        long tracked = delta.values().stream().mapToLong(Long::longValue).sum();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("total", ms(total, posts));
        long rest = 0;
        for (Map.Entry<String, Long> e : delta.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .collect(Collectors.toList())) {
            if (e.getValue() * 100 < total) {
                rest += e.getValue();
            } else {
                out.put(e.getKey(), ms(e.getValue(), posts));
            }
        }
        out.put("rest", ms(rest, posts));
        out.put("ended/untracked", ms(total - tracked, posts));
        return out;
    }

    private static String ms(long nanos, int posts) {
        return String.format("%.3f", nanos / 1e6 / Math.max(1, posts));
    }

    /**
     * Waits until the JIT compilers have not worked for a second (at most a minute) and returns how long they went
     * on compiling.
     */
    static double awaitQuietJit() throws InterruptedException {
        var jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return 0;
        long start = System.nanoTime();
        long lastBusy = start;
        long total = jit.getTotalCompilationTime();
        while (System.nanoTime() - lastBusy < TimeUnit.SECONDS.toNanos(1)
                && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(1)) {
            TimeUnit.MILLISECONDS.sleep(100);
            long now = jit.getTotalCompilationTime();
            if (now != total) lastBusy = System.nanoTime();
            total = now;
        }
        return (lastBusy - start) / 1e9;
    }
}
