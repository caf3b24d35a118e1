package org.excerptbot.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Telegram adapter needs to run: the bot token, the Bot API base URL, how updates arrive (long polling, or
 * a webhook when one is set) and a few tuning knobs. The token and the webhook secret are secrets:
 * {@link #toString()} never shows them.
 *
 * @param apiUrl {@code scheme://host[:port]} of the Bot API, e.g. {@code https://api.telegram.org} or a
 *     self-hosted {@code http://127.0.0.1:8081}; requests go to {@code apiUrl/bot<token>/<method>}
 * @param pollTimeout how long one getUpdates call waits for updates (Telegram allows up to 50 s)
 * @param maxBackOff the longest pause between failed calls (getUpdates, the start-up, the command menus)
 * @param maxReplyWait the longest 429 {@code retry_after} a reply to a user waits for before it is given up
 * @param workers threads that translate updates and run commands
 * @param webhook where Telegram pushes updates; empty for long polling
 * @param paidBroadcast whether daily posts are sent with {@code allow_paid_broadcast}, which lifts Telegram's bulk
 *     limit from about 30 to up to {@link #PAID_BROADCAST_PER_SECOND} messages per second for a fee of
 *     {@link #PAID_BROADCAST_STARS_PER_MESSAGE} Telegram Stars per message, withdrawn from the bot's balance;
 *     replies to users never use it
 */
public record TelegramSettings(
        String token,
        URI apiUrl,
        Duration pollTimeout,
        Duration maxBackOff,
        Duration maxReplyWait,
        int workers,
        Optional<Webhook> webhook,
        boolean paidBroadcast) {
    /** Telegram's bulk limit with {@code allow_paid_broadcast}, messages per second. */
    public static final int PAID_BROADCAST_PER_SECOND = 1000;
    /** What Telegram charges, in Telegram Stars, for each message sent with {@code allow_paid_broadcast}. */
    public static final String PAID_BROADCAST_STARS_PER_MESSAGE = "0.1";

    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    public static final String TOKEN_VARIABLE = "TELEGRAM_BOT_TOKEN";
    public static final String API_URL_VARIABLE = "TELEGRAM_API_URL";
    public static final String WEBHOOK_URL_VARIABLE = "TELEGRAM_WEBHOOK_URL";
    public static final String WEBHOOK_SECRET_VARIABLE = "TELEGRAM_WEBHOOK_SECRET";
    public static final String PAID_BROADCAST_VARIABLE = "TELEGRAM_PAID_BROADCAST";

    public TelegramSettings {
        if (token == null || token.isBlank()) throw new IllegalArgumentException("token: must not be blank");
        if (token.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '#')) {
            throw new IllegalArgumentException("token: must not contain spaces, '/', '?' or '#'");
        }
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (!"http".equals(apiUrl.getScheme()) && !"https".equals(apiUrl.getScheme())) {
            throw new IllegalArgumentException("apiUrl: must be http or https, was " + apiUrl);
        }
        if (apiUrl.getHost() == null) throw new IllegalArgumentException("apiUrl: has no host: " + apiUrl);
        String path = apiUrl.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("apiUrl: must have no path (the library cannot use one), was " + apiUrl);
        }
        requirePositive(pollTimeout, "pollTimeout");
        if (pollTimeout.toSeconds() > 50) throw new IllegalArgumentException("pollTimeout: at most 50 s");
        requirePositive(maxBackOff, "maxBackOff");
        requirePositive(maxReplyWait, "maxReplyWait");
        if (workers < 1) throw new IllegalArgumentException("workers: must be at least 1, was " + workers);
        Objects.requireNonNull(webhook, "webhook");
    }

    /**
     * Where Telegram pushes updates instead of long polling, and the secret it echoes in
     * {@code X-Telegram-Bot-Api-Secret-Token} so that the endpoint can tell its requests from anyone else's.
     *
     * @param url the public URL Telegram posts to (https on port 443, 80, 88 or 8443 for Telegram's servers; http
     *     is accepted for a local Bot API server)
     * @param secret 1-256 characters of {@code A-Z a-z 0-9 _ -}
     */
    public record Webhook(URI url, String secret) {
        /** The endpoint's path when the URL has none. */
        public static final String DEFAULT_PATH = "/telegram/webhook";

        public Webhook {
            Objects.requireNonNull(url, "url");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("url: must be https (or http), was " + url);
            }
            if (url.getHost() == null) throw new IllegalArgumentException("url: has no host: " + url);
            if (secret == null || !secret.matches("[A-Za-z0-9_-]{1,256}")) {
                throw new IllegalArgumentException("secret: must be 1-256 characters of A-Z a-z 0-9 _ -");
            }
        }

        /** The path the endpoint listens on: the URL's path, or {@link #DEFAULT_PATH} when it has none. */
        public String path() {
            String path = url.getPath();
            return path == null || path.isEmpty() || path.equals("/") ? DEFAULT_PATH : path;
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", secret=<redacted>]";
        }
    }

    /** The defaults for a token and URL: long polling, 50 s polls, back-off capped at 30 s, 429s waited up to 60 s. */
    public static TelegramSettings of(String token, URI apiUrl) {
        return new TelegramSettings(
                token,
                apiUrl,
                Duration.ofSeconds(50),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
                Optional.empty(),
                false);
    }

    /**
     * Reads {@code TELEGRAM_BOT_TOKEN}, {@code TELEGRAM_API_URL} (default {@code https://api.telegram.org}) and, for
     * a webhook, {@code TELEGRAM_WEBHOOK_URL} with {@code TELEGRAM_WEBHOOK_SECRET}, and
     * {@code TELEGRAM_PAID_BROADCAST} ({@code true} or {@code false}, the default); empty when no token is set.
     *
     * @throws IllegalArgumentException when a value is invalid, or a webhook URL comes without its secret
     */
    public static Optional<TelegramSettings> fromEnvironment(Map<String, String> env) {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) return Optional.empty();
        String url = env.get(API_URL_VARIABLE);
        URI api = url == null || url.isBlank() ? DEFAULT_API_URL : URI.create(url.strip());
        String paid = env.getOrDefault(PAID_BROADCAST_VARIABLE, "").strip();
        if (!paid.isEmpty() && !paid.equals("true") && !paid.equals("false")) {
            throw new IllegalArgumentException(PAID_BROADCAST_VARIABLE + ": must be true or false, was " + paid);
        }
        TelegramSettings settings = of(token.strip(), api).withPaidBroadcast(paid.equals("true"));
        String hook = env.get(WEBHOOK_URL_VARIABLE);
        if (hook == null || hook.isBlank()) return Optional.of(settings);
        String secret = env.get(WEBHOOK_SECRET_VARIABLE);
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(
                    WEBHOOK_SECRET_VARIABLE + ": must be set when " + WEBHOOK_URL_VARIABLE + " is");
        }
        return Optional.of(settings.withWebhook(URI.create(hook.strip()), secret.strip()));
    }

    public TelegramSettings withPollTimeout(Duration timeout) {
        return new TelegramSettings(token, apiUrl, timeout, maxBackOff, maxReplyWait, workers, webhook, paidBroadcast);
    }

    public TelegramSettings withMaxBackOff(Duration backOff) {
        return new TelegramSettings(token, apiUrl, pollTimeout, backOff, maxReplyWait, workers, webhook, paidBroadcast);
    }

    public TelegramSettings withWorkers(int count) {
        return new TelegramSettings(
                token, apiUrl, pollTimeout, maxBackOff, maxReplyWait, count, webhook, paidBroadcast);
    }

    /**
     * These settings receiving updates by webhook at {@code url} instead of long polling.
     *
     * @throws IllegalArgumentException when the URL is not http(s) or the secret not 1-256 of A-Z a-z 0-9 _ -
     */
    public TelegramSettings withWebhook(URI url, String secret) {
        return new TelegramSettings(
                token,
                apiUrl,
                pollTimeout,
                maxBackOff,
                maxReplyWait,
                workers,
                Optional.of(new Webhook(url, secret)),
                paidBroadcast);
    }

    /** These settings with daily posts sent as paid broadcasts, or not. */
    public TelegramSettings withPaidBroadcast(boolean paid) {
        return new TelegramSettings(token, apiUrl, pollTimeout, maxBackOff, maxReplyWait, workers, webhook, paid);
    }

    @Override
    public String toString() {
        return "TelegramSettings[token=<redacted>, apiUrl=" + apiUrl + ", pollTimeout=" + pollTimeout + ", maxBackOff="
                + maxBackOff + ", maxReplyWait=" + maxReplyWait + ", workers=" + workers + ", webhook="
                + webhook.map(Webhook::toString).orElse("none (long polling)") + ", paidBroadcast=" + paidBroadcast
                + "]";
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + ": must be positive");
    }
}
