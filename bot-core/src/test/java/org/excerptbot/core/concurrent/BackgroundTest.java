package org.excerptbot.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    @Test
    void startReturnsAtOnceAndTheValueIsComputedOnceOnItsOwnThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger computed = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        Background<String> value = Background.of("links", () -> {
            thread.set(Thread.currentThread().getName());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            computed.incrementAndGet();
            return "ready";
        });

        value.start(); // would hang here if it computed on the caller's thread
        value.start();
        release.countDown();

        assertThat(value.get()).isEqualTo("ready");
        assertThat(value.get()).isEqualTo("ready");
        assertThat(computed).hasValue(1);
        assertThat(thread.get()).isEqualTo("links-1");
    }

    @Test
    void theFirstGetStartsWhatNobodyStarted() {
        Background<Integer> value = Background.of("answer", () -> 42);
        assertThat(value.get()).isEqualTo(42);
    }

    @Test
    void aFailureReachesEveryCallerWithItsCause() {
        Background<String> value = Background.of("index", () -> {
            throw new IllegalArgumentException("no corpus");
        });
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(value::get)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("could not compute index")
                    .hasRootCauseMessage("no corpus");
        }
    }
}
