package org.excerptbot.app.ops;

import java.util.concurrent.CountDownLatch;
import org.excerptbot.app.ops.Shutdown.Phase;

/** A process for {@link ShutdownTest}: registers steps, installs the hook, says "ready" and waits for SIGTERM. */
public final class ShutdownProbe {
    private ShutdownProbe() {}

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch sendDone = new CountDownLatch(1);
        Thread send = new Thread(() -> {
            try {
                Thread.currentThread().join(200); // a send in flight when the signal arrives
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sendDone.countDown();
        });
        new Shutdown()
                .register(Phase.CLOSE_POOL, "pool", () -> System.out.println("pool closed"))
                .register(Phase.CLOSE_PLATFORMS, "scheduler", () -> System.out.println("scheduler stopped"))
                .register(Phase.STOP_POSTS, "senders", () -> {
                    send.start();
                    sendDone.await();
                    System.out.println("in-flight send finished");
                })
                .register(Phase.STOP_ACCEPTING, "http", () -> System.out.println("http stopped"))
                .installHook();
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
