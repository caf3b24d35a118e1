package org.excerptbot.telegram;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where updates are handled, whichever way they arrive: each on a worker thread, a failure logged with its stack
 * trace (the token masked) and the next update handled. The room an update holds in the {@link UpdateRoom} is
 * given back once it has been handled.
 */
final class UpdateWorkers {
    private static final Logger log = LoggerFactory.getLogger(UpdateWorkers.class);

    private final ExecutorService workers;
    private final UpdateRoom room;
    private final UpdateHandler handler;
    private final Redactor redactor;

    UpdateWorkers(ExecutorService workers, UpdateRoom room, UpdateHandler handler, Redactor redactor) {
        this.workers = workers;
        this.room = room;
        this.handler = handler;
        this.redactor = redactor;
    }

    UpdateRoom room() {
        return room;
    }

    /**
     * Runs an update on a worker; the caller holds room for it, given back when it has been handled.
     *
     * @throws IllegalStateException when the workers are stopping (the room is given back)
     */
    void submit(Update update) {
        try {
            workers.execute(() -> {
                try {
                    handleSafely(update);
                } finally {
                    room.release();
                }
            });
        } catch (RejectedExecutionException e) {
            room.release();
            throw new IllegalStateException("the Telegram bot is stopping", e);
        } catch (RuntimeException e) {
            room.release();
            throw e;
        }
    }

    private void handleSafely(Update update) {
        try {
            handler.handle(update);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            log.error("Telegram: update {} failed: {}", update.getUpdateId(), redactor.stackTrace(e));
        }
    }
}
