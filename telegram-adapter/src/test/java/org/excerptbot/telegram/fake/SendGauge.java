package org.excerptbot.telegram.fake;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sends (sendMessage, sendPhoto) the fake is answering at once, the most it has seen, and an artificial delay
 * before each answer standing in for the network and Telegram's servers (a real Bot API answers in tens to hundreds
 * of milliseconds, loopback in one).
 */
final class SendGauge {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;

    void delay(Duration value) {
        delay = value;
    }

    /** A send arrived. */
    void enter() {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    /** Holds the answer for the delay (the answer's way back). */
    void hold() {
        long nanos = delay.toNanos();
        if (nanos <= 0) return;
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A send was answered. */
    void leave() {
        inFlight.decrementAndGet();
    }

    int most() {
        return most.get();
    }
}
