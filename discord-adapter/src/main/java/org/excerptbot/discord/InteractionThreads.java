package org.excerptbot.discord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.excerptbot.core.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's threads for interactions, in two lanes. {@link #execute} is the lane of what is due within Discord's
 * 3 s: JDA runs its event listeners there (which acknowledge an interaction, or answer it from memory, or answer
 * autocomplete). {@link #followUp} is the lane of the work behind deferred interactions (search, the database), due
 * within the interaction token's 15 minutes. A free thread always takes a waiting acknowledgement before any
 * follow-up work, so that a burst of interactions is acknowledged before its follow-up work competes for the cores;
 * and follow-up work never occupies every thread, so that work blocked on the database never holds up an
 * acknowledgement. Within a lane, tasks run in the order they came.
 */
final class InteractionThreads extends AbstractExecutorService {
    private static final Logger log = LoggerFactory.getLogger(InteractionThreads.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition terminated = lock.newCondition();
    private final Deque<Runnable> acknowledgements = new ArrayDeque<>();
    private final Deque<Runnable> followUps = new ArrayDeque<>();
    private final List<Thread> threads;
    private final int maxFollowUps;
    private int runningFollowUps;
    private int liveThreads;
    private boolean shutdown;

    /** @param threads how many threads; follow-up work runs on all but one of them at most */
    InteractionThreads(String name, int threads) {
        Objects.requireNonNull(name, "name");
        if (threads < 2) throw new IllegalArgumentException("threads: must be at least 2, was " + threads);
        this.maxFollowUps = threads - 1;
        ThreadFactory factory = DaemonThreads.named(name);
        this.threads = IntStream.range(0, threads)
                .mapToObj(i -> factory.newThread(this::work))
                .toList();
        this.liveThreads = threads;
        this.threads.forEach(Thread::start);
    }

    /** Runs a task in the acknowledgement lane, before any follow-up work that is waiting. */
    @Override
    public void execute(Runnable task) {
        enqueue(acknowledgements, Objects.requireNonNull(task, "task"));
    }

    /** Runs a task in the follow-up lane, once no acknowledgement is waiting and a thread is left for them. */
    void followUp(Runnable task) {
        Objects.requireNonNull(task, "task");
        enqueue(followUps, () -> {
            try {
                task.run();
            } finally {
                followUpDone();
            }
        });
    }

    private void enqueue(Deque<Runnable> lane, Runnable task) {
        lock.lock();
        try {
            if (shutdown) throw new RejectedExecutionException("the Discord adapter is shutting down");
            lane.add(task);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        try {
            for (Runnable task = next(); task != null; task = next()) run(task);
        } catch (InterruptedException e) {
            // shutdownNow: end without the tasks left
        } finally {
            threadEnded();
        }
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("An interaction task failed", e);
        }
        // an interrupt left by a task does not end the thread; shutdownNow() does (it leaves nothing to run)
        Thread.interrupted();
    }

    /** The next task to run, waiting for one; null once shut down with nothing left to run. */
    private Runnable next() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (!acknowledgements.isEmpty()) return acknowledgements.poll();
                if (!followUps.isEmpty() && runningFollowUps < maxFollowUps) {
                    runningFollowUps++;
                    return followUps.poll();
                }
                if (shutdown && followUps.isEmpty()) {
                    // the others waiting end too
                    changed.signalAll();
                    return null;
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void followUpDone() {
        lock.lock();
        try {
            runningFollowUps--;
            // a thread may be waiting for the follow-up work this one leaves
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void threadEnded() {
        lock.lock();
        try {
            if (--liveThreads == 0) terminated.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs what is queued, takes nothing new. */
    @Override
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is queued and interrupts what runs; returns the tasks dropped. */
    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> dropped = new ArrayList<>();
        lock.lock();
        try {
            shutdown = true;
            dropped.addAll(acknowledgements);
            dropped.addAll(followUps);
            acknowledgements.clear();
            followUps.clear();
            threads.forEach(Thread::interrupt);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return dropped;
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return shutdown && liveThreads == 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (liveThreads > 0) {
                if (nanos <= 0) return false;
                nanos = terminated.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
