package org.excerptbot.telegram;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Bounds the work the bot holds: updates taken from Telegram but not yet handled, plus replies waiting for a free
 * HTTP connection. Long polling asks getUpdates for no more updates than there is room for, so the part of a
 * burst beyond the room waits at Telegram (free, and updates not yet confirmed survive a crash) instead of in this
 * heap; the updates in hand wait for a worker in the order they came. The wait moves to Telegram's queue; it does
 * not go away.
 *
 * <p>A poll waits until at least half the room is free, not just one place: otherwise, right after a full hand
 * was taken, every poll would ask for one or two updates, and against a Bot API 100 ms away the bot would take a
 * backlog one or two updates per round trip.
 */
final class UpdateRoom {
    private final int capacity;
    private final Semaphore permits;
    private final IntSupplier waitingSends;
    private final Object signal = new Object();

    /**
     * @param capacity updates and waiting replies the bot holds at most
     * @param waitingSends replies queued for a connection, counted against the room
     */
    UpdateRoom(int capacity, IntSupplier waitingSends) {
        if (capacity < 1) throw new IllegalArgumentException("capacity: must be at least 1, was " + capacity);
        this.capacity = capacity;
        this.permits = new Semaphore(capacity);
        this.waitingSends = waitingSends;
    }

    int capacity() {
        return capacity;
    }

    /** Room for more updates now; may be zero or less when replies queue for connections. */
    int room() {
        return permits.availablePermits() - waitingSends.getAsInt();
    }

    /**
     * Waits until at least half the capacity is free (rounded up), and returns how many updates there is room for
     * (at most {@code max}); 0 when {@code stopping} becomes true or the thread is interrupted meanwhile.
     */
    int awaitRoom(int max, BooleanSupplier stopping) {
        int enough = (capacity + 1) / 2;
        synchronized (signal) {
            while (true) {
                if (stopping.getAsBoolean()) return 0;
                int room = room();
                if (room >= enough) return Math.min(max, room);
                try {
                    // woken by release() and by a reply leaving the connection queue; the timeout re-checks stopping
                    signal.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
            }
        }
    }

    /** Takes room for one update without waiting; false when there is none. */
    boolean tryTake() {
        return permits.tryAcquire();
    }

    /**
     * Takes room for one update, waiting for it if need be; false when {@code stopping} becomes true or the thread
     * is interrupted meanwhile.
     */
    boolean take(BooleanSupplier stopping) {
        try {
            while (!permits.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                if (stopping.getAsBoolean()) return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives back the room of one update (handled, or not handled after all). */
    void release() {
        permits.release();
        wake();
    }

    /** Something left the bot (a queued reply got a connection): a waiting poll may find room now. */
    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }
}
