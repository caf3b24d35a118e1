package org.excerptbot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.DryRun;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Rehearses the reply path before the bot takes its first update, so that the first users after a start do not
 * wait for class loading, Jackson building its (de)serializers for TelegramBots' model, and interpreted code (on a
 * 2-core machine the first burst's p99 was above 50 ms without it). Each round reads a getUpdates answer of sample
 * updates (commands in private chats, a group and a channel, plain text, a button press, inline queries) and hands
 * them to the bot's own {@link UpdateHandler} in a {@link DryRun}, wired to an {@link Outbox} whose client talks to a
 * {@link LoopbackBotApi}: translation, dispatch, rendering, the requests' JSON, OkHttp's calls and connections and the
 * answers all run as for a real update, and nothing leaves the machine. A failure is logged once and ends the
 * rehearsal; it costs nothing but the head start.
 */
final class ReplyRehearsal {
    private static final Logger log = LoggerFactory.getLogger(ReplyRehearsal.class);
    /** Enough rounds for the JIT to compile the path (its thresholds are a few hundred calls per method). */
    static final int ROUNDS = 300;
    /** A slow machine stops rehearsing after this long, so that polling does not wait for it. */
    static final Duration BUDGET = Duration.ofSeconds(4);

    private static final String BOT = "rehearsal_bot";
    private static final String TOKEN = "0:rehearsal";

    /** The sample updates, as getUpdates returns them; the ids are not Telegram's (users and chats are negative). */
    private static final String UPDATES =
            """
            {"ok":true,"result":[
            {"update_id":1,"message":{"message_id":1,"date":1700000000,
             "from":{"id":-11,"is_bot":false,"first_name":"A","language_code":"zh-hans"},
             "chat":{"id":-11,"type":"private","first_name":"A"},"text":"/today",
             "entities":[{"type":"bot_command","offset":0,"length":6}]}},
            {"update_id":2,"message":{"message_id":2,"date":1700000000,
             "from":{"id":-12,"is_bot":false,"first_name":"B","last_name":"C","language_code":"en"},
             "chat":{"id":-12,"type":"private","first_name":"B"},"text":"/principle 2"}},
            {"update_id":3,"message":{"message_id":3,"date":1700000000,
             "from":{"id":-13,"is_bot":false,"first_name":"D"},
             "chat":{"id":-1000000000013,"type":"supergroup","title":"G"},"text":"/proposal@rehearsal_bot 5"}},
            {"update_id":4,"channel_post":{"message_id":4,"date":1700000000,
             "sender_chat":{"id":-1000000000014,"type":"channel","title":"C"},
             "chat":{"id":-1000000000014,"type":"channel","title":"C"},"text":"/read 1 11"}},
            {"update_id":5,"message":{"message_id":5,"date":1700000000,
             "from":{"id":-15,"is_bot":false,"first_name":"E","language_code":"en"},
             "chat":{"id":-15,"type":"private","first_name":"E"},"text":"/search 互联互通"}},
            {"update_id":6,"message":{"message_id":6,"date":1700000000,
             "from":{"id":-16,"is_bot":false,"first_name":"F"},
             "chat":{"id":-16,"type":"private","first_name":"F"},"text":"/help"}},
            {"update_id":7,"message":{"message_id":7,"date":1700000000,
             "from":{"id":-17,"is_bot":false,"first_name":"H"},
             "chat":{"id":-17,"type":"private","first_name":"H"},"text":"你好"}},
            {"update_id":8,"callback_query":{"id":"8","chat_instance":"8","data":"read 1 12",
             "from":{"id":-18,"is_bot":false,"first_name":"I"},
             "message":{"message_id":8,"date":1700000000,"chat":{"id":-18,"type":"private","first_name":"I"},
              "text":"x"}}},
            {"update_id":9,"inline_query":{"id":"9","query":"互联互通","offset":"",
             "from":{"id":-19,"is_bot":false,"first_name":"J","language_code":"en"}}},
            {"update_id":10,"inline_query":{"id":"10","query":"","offset":"",
             "from":{"id":-20,"is_bot":false,"first_name":"K"}}}
            ]}""";

    /** What a rehearsal did: its rounds, the requests the loopback answered, how long, and why it stopped early. */
    record Result(int rounds, int requests, Duration took, Optional<String> failure) {}

    private final ObjectMapper requests;
    private final OkHttpClient http;
    private final CommandDispatcher dispatcher;
    private final Messages messages;
    private final HtmlRenderer renderer;
    private final InlineQueries inline;
    private final Executor executor;

    /**
     * @param requests the mapper the bot's client writes requests with
     * @param http the bot's client for replies (the rehearsal takes its settings, with a dispatcher and a connection
     *     pool of its own)
     * @param executor runs the outbox's delayed retries (none are expected)
     */
    ReplyRehearsal(
            ObjectMapper requests,
            OkHttpClient http,
            CommandDispatcher dispatcher,
            Messages messages,
            HtmlRenderer renderer,
            InlineQueries inline,
            Executor executor) {
        this.requests = requests;
        this.http = http;
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.renderer = renderer;
        this.inline = inline;
        this.executor = executor;
    }

    /** Rehearses {@link #ROUNDS} rounds (within {@link #BUDGET}) on a daemon thread. */
    CompletableFuture<Result> startInBackground() {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Thread t = new Thread(() -> done.complete(run(ROUNDS, BUDGET)), "telegram-rehearsal");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** Rehearses on this thread: {@code rounds} rounds, or fewer when {@code budget} runs out or one fails. */
    Result run(int rounds, Duration budget) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int done = 0;
        int answered = 0;
        Optional<String> failure = Optional.empty();
        Dispatcher calls = new Dispatcher();
        ConnectionPool connections = new ConnectionPool();
        Object idle = new Object();
        calls.setIdleCallback(() -> {
            synchronized (idle) {
                idle.notifyAll();
            }
        });
        try (LoopbackBotApi api = LoopbackBotApi.start()) {
            OkHttpClient client = http.newBuilder()
                    .dispatcher(calls)
                    .connectionPool(connections)
                    .build();
            Redactor redactor = new Redactor(TOKEN);
            Outbox outbox = new Outbox(
                    new OkHttpTelegramClient(requests, client, TOKEN, TelegramBot.telegramUrl(api.uri())),
                    ChatStatusListener.IGNORE,
                    new ChatStates(),
                    Duration.ZERO,
                    executor,
                    redactor);
            UpdateHandler handler = new UpdateHandler(
                    new UpdateTranslator(BOT, (chat, user) -> false),
                    dispatcher,
                    messages,
                    renderer,
                    inline,
                    outbox,
                    ChatStatusListener.IGNORE,
                    redactor);
            while (done < rounds && System.nanoTime() < deadline) {
                List<Update> updates = new GetUpdates().deserializeResponse(UPDATES);
                int before = api.answered();
                DryRun.run(() -> {
                    updates.forEach(handler::handle);
                    return null;
                });
                awaitIdle(calls, idle, deadline + TimeUnit.SECONDS.toNanos(1));
                if (api.answered() == before) throw new IllegalStateException("no request reached the loopback");
                done++;
            }
            answered = api.answered();
        } catch (TelegramApiException | IOException | RuntimeException e) {
            failure = Optional.of(e.toString());
            log.warn("Telegram: rehearsing the replies failed (the first updates will be slower): {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Optional.of("interrupted");
        } finally {
            calls.executorService().shutdown();
            connections.evictAll();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.debug("Telegram: {} rehearsal round(s), {} requests, in {} ms", done, answered, took.toMillis());
        return new Result(done, answered, took, failure);
    }

    /** Waits until the round's calls (and the calls they led to) are done. */
    private static void awaitIdle(Dispatcher calls, Object idle, long deadline) throws InterruptedException {
        synchronized (idle) {
            while (calls.runningCallsCount() + calls.queuedCallsCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new IllegalStateException("the loopback Bot API did not answer in time");
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
    }
}
