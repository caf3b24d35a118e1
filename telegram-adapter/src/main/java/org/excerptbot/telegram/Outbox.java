package org.excerptbot.telegram;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.delivery.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends rendered messages through the Bot API and acts on each kind of error. Replies to users go out at once
 * (no bulk limiter), one after the other per chat so that they arrive in order, without blocking a thread: a 429
 * waits {@code retry_after} and retries (up to the configured longest wait), a migration is recorded and the
 * message sent to the new id, a 403 is recorded and sending stops, other 4xx are logged with method and chat, 5xx
 * and requests that never left are retried twice. A message goes out at most once, as {@link ApiErrors} decides:
 * one the Bot API took counts as sent even when its answer cannot be read, and one that may have arrived (the
 * connection dropped after it was sent) is not sent again. Forbidden and migrated chats are reported to the
 * {@link ChatStatusListener}.
 */
final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final int MAX_RETRYABLE_FAILURES = 2;

    private final TelegramClient client;
    private final ChatStatusListener listener;
    private final ChatStates states;
    private final Duration maxReplyWait;
    private final Executor executor;
    private final Redactor redactor;
    private final PhotoIds photoIds;
    private final Map<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    /**
     * @param client for replies to users (and every other call; bulk delivery goes through {@link TelegramMessenger}
     *     on its own client)
     */
    Outbox(
            TelegramClient client,
            ChatStatusListener listener,
            ChatStates states,
            Duration maxReplyWait,
            Executor executor,
            Redactor redactor,
            PhotoIds photoIds) {
        this.client = client;
        this.listener = listener;
        this.states = states;
        this.maxReplyWait = maxReplyWait;
        this.executor = executor;
        this.redactor = redactor;
        this.photoIds = photoIds;
    }

    ChatStates states() {
        return states;
    }

    /** The file_ids of the pictures uploaded before (also used by the bulk sends of {@link TelegramMessenger}). */
    PhotoIds photoIds() {
        return photoIds;
    }

    /** Sends the messages of one reply to the chat, after any reply still on its way there. */
    CompletableFuture<SendOutcome> reply(ChatRef chat, List<HtmlRenderer.Rendered> parts) {
        return reply(chat, parts, null);
    }

    /**
     * Like {@link #reply(ChatRef, List)}, each message threaded as a reply to {@code replyTo} (a message id in the
     * chat; null for none). Sent all the same when that message is gone (allow_sending_without_reply).
     */
    CompletableFuture<SendOutcome> reply(ChatRef chat, List<HtmlRenderer.Rendered> parts, Integer replyTo) {
        return inOrder(chat, () -> sendParts(chat, parts, 0, null, replyTo));
    }

    /**
     * Shows a reply in place of a bot message (a button press): the first part replaces the message, any further
     * parts follow as new messages. A message that can no longer be edited gets a new message instead.
     */
    CompletableFuture<SendOutcome> edit(ChatRef chat, int messageId, List<HtmlRenderer.Rendered> parts) {
        return inOrder(chat, () -> editOnce(chat, messageId, parts.get(0), 0).thenCompose(outcome -> {
            if (outcome instanceof SendOutcome.Sent && parts.size() > 1) {
                return sendParts(chat, parts, 1, outcome, null);
            }
            return CompletableFuture.completedFuture(outcome);
        }));
    }

    /** Runs a Bot API method, turning a refusal before sending (validation) into a failed future. */
    <T extends Serializable> CompletableFuture<T> call(BotApiMethod<T> method) {
        try {
            return client.executeAsync(method);
        } catch (TelegramApiException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends a photo (a multipart upload, or a file_id), turning a refusal before sending into a failed future. */
    CompletableFuture<Message> call(SendPhoto photo) {
        try {
            return client.executeAsync(photo);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<SendOutcome> inOrder(ChatRef chat, Supplier<CompletableFuture<SendOutcome>> task) {
        String key = chat.id();
        CompletableFuture<SendOutcome> next;
        synchronized (tails) {
            CompletableFuture<?> previous = tails.getOrDefault(key, CompletableFuture.completedFuture(null));
            next = previous.handle((r, e) -> null).thenCompose(x -> guarded(chat, task));
            tails.put(key, next);
        }
        next.whenComplete((r, e) -> tails.remove(key, next));
        return next;
    }

    private CompletableFuture<SendOutcome> guarded(ChatRef chat, Supplier<CompletableFuture<SendOutcome>> task) {
        try {
            return task.get();
        } catch (RuntimeException e) {
            log.error("sending to chat {} failed unexpectedly: {}", chat.id(), redactor.stackTrace(e));
            return CompletableFuture.completedFuture(new SendOutcome.Failed(redactor.describe(e), false));
        }
    }

    private CompletableFuture<SendOutcome> sendParts(
            ChatRef chat, List<HtmlRenderer.Rendered> parts, int index, SendOutcome last, Integer replyTo) {
        if (index >= parts.size()) return CompletableFuture.completedFuture(last);
        return deliver(chat, parts.get(index), 0, replyTo)
                .thenCompose(outcome -> outcome instanceof SendOutcome.Sent
                        ? sendParts(chat, parts, index + 1, outcome, replyTo)
                        : CompletableFuture.completedFuture(outcome));
    }

    private CompletableFuture<SendOutcome> deliver(
            ChatRef chat, HtmlRenderer.Rendered part, int attempt, Integer replyTo) {
        if (part.picture().isPresent()) return deliverPhoto(chat, part, attempt, replyTo);
        long target = states.resolve(Long.parseLong(chat.id()));
        return call(BotMessages.sendMessage(BotMessages.Target.of(target, chat, replyTo), part))
                .handle((message, error) -> error == null
                        ? (SendOutcome) new SendOutcome.Sent(String.valueOf(message.getMessageId()))
                        : settle(chat, "sendMessage", error))
                .thenCompose(outcome ->
                        react(chat, "sendMessage", outcome, attempt, () -> deliver(chat, part, attempt + 1, replyTo)));
    }

    /**
     * Sends a photo: by the file_id of an earlier upload of the same picture when there is one, else uploaded, its
     * file_id then kept. An id Telegram refuses is forgotten and the picture uploaded instead.
     */
    private CompletableFuture<SendOutcome> deliverPhoto(
            ChatRef chat, HtmlRenderer.Rendered part, int attempt, Integer replyTo) {
        long target = states.resolve(Long.parseLong(chat.id()));
        var picture = part.picture().orElseThrow();
        String fileId = photoIds.find(picture).orElse(null);
        return call(BotMessages.sendPhoto(BotMessages.Target.of(target, chat, replyTo), part, fileId))
                .handle((message, error) -> {
                    if (error == null) {
                        BotMessages.largestPhoto(message).ifPresent(id -> photoIds.remember(picture, id));
                        return (SendOutcome) new SendOutcome.Sent(String.valueOf(message.getMessageId()));
                    }
                    SendOutcome outcome = settle(chat, "sendPhoto", error);
                    if (fileId != null && PhotoIds.refused(outcome)) {
                        log.info("sendPhoto to chat {}: file_id refused ({}); uploading again", chat.id(), outcome);
                        photoIds.forget(picture);
                        return null;
                    }
                    return outcome;
                })
                .thenCompose(outcome -> outcome == null
                        ? deliverPhoto(chat, part, attempt, replyTo)
                        : react(chat, "sendPhoto", outcome, attempt, () -> deliver(chat, part, attempt + 1, replyTo)));
    }

    private CompletableFuture<SendOutcome> editOnce(
            ChatRef chat, int messageId, HtmlRenderer.Rendered part, int attempt) {
        long target = states.resolve(Long.parseLong(chat.id()));
        return call(BotMessages.editMessageText(target, messageId, part))
                .handle((r, error) -> {
                    if (error == null || ApiErrors.notModified(error)) {
                        return (SendOutcome) new SendOutcome.Sent(String.valueOf(messageId));
                    }
                    SendOutcome outcome = settle(chat, "editMessageText", error);
                    return outcome instanceof SendOutcome.Sent
                            ? new SendOutcome.Sent(String.valueOf(messageId))
                            : outcome;
                })
                .thenCompose(outcome -> {
                    // an edit that may have been made is not replaced by a new message: the chat would show both
                    if (outcome instanceof SendOutcome.Failed f && !f.retryable() && !ApiErrors.mayHaveArrived(f)) {
                        log.info(
                                "editMessageText in chat {} refused ({}); sending a new message instead",
                                target,
                                f.reason());
                        return deliver(chat, part, 0, null);
                    }
                    return react(
                            chat,
                            "editMessageText",
                            outcome,
                            attempt,
                            () -> editOnce(chat, messageId, part, attempt + 1));
                });
    }

    /** Acts on an outcome: records and reports what it says about the chat, and retries where that helps. */
    private CompletableFuture<SendOutcome> react(
            ChatRef chat,
            String method,
            SendOutcome outcome,
            int attempt,
            Supplier<CompletableFuture<SendOutcome>> again) {
        report(chat, method, outcome);
        boolean mayRetry = attempt + 1 < MAX_ATTEMPTS;
        if (outcome instanceof SendOutcome.RateLimited r) {
            if (mayRetry && r.retryAfter().compareTo(maxReplyWait) <= 0) {
                log.info(
                        "{} to chat {}: 429, retrying in {} s as asked",
                        method,
                        chat.id(),
                        r.retryAfter().toSeconds());
                return later(r.retryAfter(), again);
            }
            log.warn(
                    "{} to chat {}: 429 with retry_after {} s (longer than {} s, or too many tries); reply dropped",
                    method,
                    chat.id(),
                    r.retryAfter().toSeconds(),
                    maxReplyWait.toSeconds());
        } else if (outcome instanceof SendOutcome.Migrated) {
            if (mayRetry) return again.get();
        } else if (outcome instanceof SendOutcome.Failed f && f.retryable()) {
            if (attempt < MAX_RETRYABLE_FAILURES) return later(Duration.ofSeconds(attempt + 1L), again);
            log.warn("{} to chat {} failed {} times, giving up: {}", method, chat.id(), attempt + 1, f.reason());
        }
        return CompletableFuture.completedFuture(outcome);
    }

    /**
     * The outcome of a send that failed (see {@link ApiErrors#classify}); a send the Bot API took although its
     * answer could not be read is logged here, once, and counts as sent.
     */
    SendOutcome settle(ChatRef chat, String method, Throwable error) {
        if (ApiErrors.acceptedUnreadably(error)) {
            log.warn(
                    "{} to chat {}: the Bot API took the request but its answer could not be read ({}); counted as"
                            + " sent, not sent again",
                    method,
                    chat.id(),
                    redactor.describe(ApiErrors.unwrap(error)));
        }
        return ApiErrors.classify(error, redactor);
    }

    /**
     * Records and reports what an outcome says about the chat, and logs refusals (also for the bulk sends of
     * {@link TelegramMessenger}).
     */
    void report(ChatRef chat, String method, SendOutcome outcome) {
        long id = Long.parseLong(chat.id());
        try {
            if (outcome instanceof SendOutcome.Forbidden f) {
                if (states.forbid(id)) {
                    log.info("{} to chat {}: 403 {}; not sending there any more", method, chat.id(), f.reason());
                    listener.chatForbidden(chat, f.reason());
                }
            } else if (outcome instanceof SendOutcome.Migrated m) {
                if (states.moved(id, Long.parseLong(m.newChatId()))) {
                    log.info("{} to chat {}: the group is now supergroup {}", method, chat.id(), m.newChatId());
                    listener.chatMigrated(chat, m.newChatId());
                }
            } else if (outcome instanceof SendOutcome.Failed f && !f.retryable()) {
                if (ApiErrors.mayHaveArrived(f)) {
                    log.warn("{} to chat {} failed: {}", method, chat.id(), f.reason());
                } else {
                    log.warn("{} to chat {} refused, not retried: {}", method, chat.id(), f.reason());
                }
            }
        } catch (RuntimeException e) {
            log.error("the chat status listener failed for chat {}: {}", chat.id(), redactor.stackTrace(e));
        }
    }

    private CompletableFuture<SendOutcome> later(Duration delay, Supplier<CompletableFuture<SendOutcome>> task) {
        Executor delayed = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor);
        return CompletableFuture.supplyAsync(() -> null, delayed).thenCompose(x -> task.get());
    }
}
