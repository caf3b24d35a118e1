package org.excerptbot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.excerptbot.core.delivery.SenderSizing;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The adapter's HTTP clients to the Bot API, on one connection pool, each with its own limits: replies to users
 * (and every other call), bulk sends (daily posts) and long polling. Replies and bulk sends have a dispatcher each,
 * so that a fan-out neither waits behind replies nor takes the room that bounds the updates in hand. Neither
 * resends a request by itself after a dropped connection: the request may have arrived, and a message goes out at
 * most once (the adapter decides what a failure means). Polling has a read timeout longer than the poll.
 */
final class BotApiClients implements AutoCloseable {
    /**
     * Replies in flight per worker (HTTP requests to the Bot API); more wait in the dispatcher's queue and count
     * against the room for updates. Sixteen in flight on four workers allow 160 replies/s at 100 ms round trips to
     * api.telegram.org, well above the rate Telegram accepts from one bot.
     */
    private static final int SENDS_PER_WORKER = 4;
    /**
     * Bulk sends in flight (daily posts): as many as the delivery engine can have senders, so that the dispatcher
     * never holds one back (TelegramBots' {@code execute} goes through the dispatcher's queue). The engine's
     * senders and its rate limiter decide how many go out.
     */
    private static final int BULK_REQUESTS = SenderSizing.MAX_SENDERS;
    /** Idle connections kept for replies and polling. */
    private static final int IDLE_CONNECTIONS = 64;
    /**
     * How long an idle bulk connection is kept. A server closes idle connections after a while (nginx after 75 s by
     * default, the JDK's HTTP server after 30 s); a post written on one just as it closes fails with "unexpected end
     * of stream", may have arrived, and is not sent again. A fan-out that slows for a moment takes its long-idle
     * connections all at once: keep none long enough to meet that close.
     */
    private static final Duration BULK_KEEP_ALIVE = Duration.ofSeconds(20);

    private final TelegramSettings settings;
    private final OkHttpClient base;
    private final OkHttpClient replyHttp;
    private final OkHttpClient bulkHttp;
    private final TelegramClient replies;
    private final TelegramClient bulk;

    /**
     * @param replyQueue the replies' dispatcher, made by {@link #replyQueue}; its queue counts against the room
     * @param replyLeavingQueue told when a reply leaves the queue for a connection (room for more updates)
     */
    BotApiClients(TelegramSettings settings, Dispatcher replyQueue, Runnable replyLeavingQueue) {
        this.settings = settings;
        this.base = base(Duration.ofSeconds(10), Duration.ofSeconds(30))
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                .build();
        this.replyHttp = base.newBuilder()
                .dispatcher(replyQueue)
                .retryOnConnectionFailure(false)
                .addInterceptor(new AnswerCheck())
                .addInterceptor(chain -> {
                    replyLeavingQueue.run();
                    return chain.proceed(chain.request());
                })
                .build();
        Dispatcher bulkQueue = new Dispatcher();
        bulkQueue.setMaxRequests(BULK_REQUESTS);
        bulkQueue.setMaxRequestsPerHost(BULK_REQUESTS);
        this.bulkHttp = base.newBuilder()
                .dispatcher(bulkQueue)
                // one idle connection for each bulk send in flight, so that none is reopened while sending
                .connectionPool(new ConnectionPool(BULK_REQUESTS, BULK_KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .addInterceptor(new AnswerCheck())
                .build();
        ObjectMapper json = new ObjectMapper();
        TelegramUrl url = telegramUrl(settings.apiUrl());
        this.replies = new OkHttpTelegramClient(json, replyHttp, settings.token(), url);
        this.bulk = new OkHttpTelegramClient(json, bulkHttp, settings.token(), url);
    }

    /** The replies' dispatcher: as many requests in flight as the workers keep busy. */
    static Dispatcher replyQueue(int workers) {
        Dispatcher replies = new Dispatcher();
        replies.setMaxRequests(workers * SENDS_PER_WORKER);
        replies.setMaxRequestsPerHost(workers * SENDS_PER_WORKER);
        return replies;
    }

    /**
     * HTTP of its own for a one-off check ({@code doctor}), every wait bounded by {@code timeout}; the caller
     * shuts its threads down with {@link #shutDown(OkHttpClient)}.
     */
    static OkHttpClient oneOff(Duration timeout) {
        return base(timeout, timeout)
                .callTimeout(timeout)
                .retryOnConnectionFailure(false)
                .addInterceptor(new AnswerCheck())
                .build();
    }

    /** The Bot API through {@code http}. */
    static TelegramClient client(TelegramSettings settings, OkHttpClient http) {
        return new OkHttpTelegramClient(new ObjectMapper(), http, settings.token(), telegramUrl(settings.apiUrl()));
    }

    /** Ends a client's threads and connections. */
    static void shutDown(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Replies to users, the start-up calls, command menus, callback and inline answers, admin lookups. */
    TelegramClient replies() {
        return replies;
    }

    /** Bulk sends (daily posts). */
    TelegramClient bulk() {
        return bulk;
    }

    /**
     * The long-poll client: a read timeout 15 s longer than the poll, {@code guard} in front of getUpdates. A
     * getUpdates resent after a dropped connection is harmless (the offset confirms what was handled).
     */
    OkHttpClient polling(Interceptor guard) {
        return base.newBuilder()
                .readTimeout(settings.pollTimeout().plusSeconds(15))
                .retryOnConnectionFailure(true)
                .addInterceptor(guard)
                .build();
    }

    /** Lets the clients' threads end once their requests are done. */
    @Override
    public void close() {
        replyHttp.dispatcher().executorService().shutdown();
        bulkHttp.dispatcher().executorService().shutdown();
        bulkHttp.connectionPool().evictAll();
    }

    /** The library's form of the Bot API's base URL (it takes no path). */
    static TelegramUrl telegramUrl(URI api) {
        boolean https = "https".equals(api.getScheme());
        int port = api.getPort() != -1 ? api.getPort() : https ? 443 : 80;
        return TelegramUrl.builder()
                .schema(api.getScheme())
                .host(api.getHost())
                .port(port)
                .testServer(false)
                .build();
    }

    private static OkHttpClient.Builder base(Duration connect, Duration read) {
        return new OkHttpClient.Builder()
                .connectTimeout(connect)
                .readTimeout(read)
                .writeTimeout(read);
    }
}
