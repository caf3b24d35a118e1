package org.excerptbot.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Telegram adapter needs to run: the bot token, the Bot API base URL and a few tuning knobs. The token
 * is a secret: {@link #toString()} never shows it.
 *
 * @param apiUrl {@code scheme://host[:port]} of the Bot API, e.g. {@code https://api.telegram.org} or a
 *     self-hosted {@code http://127.0.0.1:8081}; requests go to {@code apiUrl/bot<token>/<method>}
 * @param pollTimeout how long one getUpdates call waits for updates (Telegram allows up to 50 s)
 * @param maxBackOff the longest pause between failed getUpdates calls
 * @param maxReplyWait the longest 429 {@code retry_after} a reply to a user waits for before it is given up
 * @param workers threads that translate updates and run commands
 */
public record TelegramSettings(
        String token, URI apiUrl, Duration pollTimeout, Duration maxBackOff, Duration maxReplyWait, int workers) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    public static final String TOKEN_VARIABLE = "TELEGRAM_BOT_TOKEN";
    public static final String API_URL_VARIABLE = "TELEGRAM_API_URL";

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
    }

    /** The defaults for a token and URL: 50 s polls, back-off capped at 30 s, replies wait up to 60 s for a 429. */
    public static TelegramSettings of(String token, URI apiUrl) {
        return new TelegramSettings(
                token,
                apiUrl,
                Duration.ofSeconds(50),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
    }

    /**
     * Reads {@code TELEGRAM_BOT_TOKEN} and {@code TELEGRAM_API_URL} (default {@code https://api.telegram.org});
     * empty when no token is set.
     */
    public static Optional<TelegramSettings> fromEnvironment(Map<String, String> env) {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) return Optional.empty();
        String url = env.get(API_URL_VARIABLE);
        URI api = url == null || url.isBlank() ? DEFAULT_API_URL : URI.create(url.strip());
        return Optional.of(of(token.strip(), api));
    }

    public TelegramSettings withPollTimeout(Duration timeout) {
        return new TelegramSettings(token, apiUrl, timeout, maxBackOff, maxReplyWait, workers);
    }

    public TelegramSettings withMaxBackOff(Duration backOff) {
        return new TelegramSettings(token, apiUrl, pollTimeout, backOff, maxReplyWait, workers);
    }

    public TelegramSettings withWorkers(int count) {
        return new TelegramSettings(token, apiUrl, pollTimeout, maxBackOff, maxReplyWait, count);
    }

    @Override
    public String toString() {
        return "TelegramSettings[token=<redacted>, apiUrl=" + apiUrl + ", pollTimeout=" + pollTimeout + ", maxBackOff="
                + maxBackOff + ", maxReplyWait=" + maxReplyWait + ", workers=" + workers + "]";
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + ": must be positive");
    }
}
