package org.excerptbot.discord;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.excerptbot.core.delivery.Unpublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the bot's posts in announcement channels to the servers that follow them ({@code POST
 * channels/{channel}/messages/{message}/crosspost}), within Discord's limit of {@value #PUBLISHES_PER_HOUR} publishes
 * per channel in any hour: counted here over a rolling hour, so that a post beyond it is skipped with a log line
 * instead of spending a request on a 429 whose retry_after can be most of an hour (its own count misses the
 * channel's other publishers, moderators or another instance: Discord's 429 then holds publishing back for the
 * body's {@code retry_after}; the headers of that 429 tell of a one-second wait). A refusal is logged once and never
 * retried, and returned for the delivery row: the post itself has arrived in the channel; only its copies in the
 * following servers are missing.
 */
final class AnnouncementPublisher {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementPublisher.class);
    static final int PUBLISHES_PER_HOUR = 10;
    private static final Duration HOUR = Duration.ofHours(1);

    private final OkHttpClient http;
    private final String apiUrl;
    private final Function<Request.Builder, Request.Builder> authorize;
    private final Clock clock;
    /** Per channel, when its publishes of the last hour were made, oldest first. */
    private final Map<String, Deque<Instant>> published = new ConcurrentHashMap<>();
    /** Per channel, until when Discord asked for no more publishes (a 429). */
    private final Map<String, Instant> refusedUntil = new ConcurrentHashMap<>();

    AnnouncementPublisher(
            OkHttpClient http, String apiUrl, Function<Request.Builder, Request.Builder> authorize, Clock clock) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.authorize = authorize;
        this.clock = clock;
    }

    /**
     * Publishes a message the bot posted in an announcement channel, if the channel's hourly limit allows; empty when
     * it was published, else why not.
     */
    Optional<Unpublished> publish(String channelId, String messageId) {
        Instant now = clock.instant();
        Instant refused = refusedUntil.getOrDefault(channelId, Instant.EPOCH);
        if (now.isBefore(refused)) {
            log.info(
                    "not publishing message {} of announcement channel {}: Discord asked for no publishes until {}",
                    messageId,
                    channelId,
                    refused);
            return unpublished(Unpublished.Reason.RATE_LIMITED, "Discord asked for no publishes until " + refused);
        }
        if (!reserve(channelId, now)) {
            log.info(
                    "not publishing message {} of announcement channel {}: {} publishes in the last hour already,"
                            + " Discord's limit",
                    messageId,
                    channelId,
                    PUBLISHES_PER_HOUR);
            return unpublished(
                    Unpublished.Reason.RATE_LIMITED, PUBLISHES_PER_HOUR + " publishes in the last hour already");
        }
        Request request = authorize
                .apply(new Request.Builder()
                        .url(apiUrl + "channels/" + channelId + "/messages/" + messageId + "/crosspost"))
                .post(RequestBody.create(new byte[0]))
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (response.isSuccessful()) return Optional.empty();
            String text = response.body().string();
            DataObject json = DiscordMessenger.parse(text);
            if (response.code() == 429) {
                Duration retryAfter = DiscordMessenger.seconds(
                        json.opt("retry_after").map(String::valueOf).orElse(response.header("Retry-After")));
                refusedUntil.put(channelId, now.plus(retryAfter.isZero() ? HOUR : retryAfter));
            }
            log.warn(
                    "Discord refused to publish message {} of announcement channel {} to its followers: {} {} {}"
                            + " (not retried; publishing the bot's own posts needs Send Messages there)",
                    messageId,
                    channelId,
                    response.code(),
                    json.getInt("code", 0),
                    json.getString("message", response.message()));
            String answer = response.code() + " " + json.getInt("code", 0) + " "
                    + json.getString("message", response.message());
            return unpublished(reason(response.code()), answer);
        } catch (IOException e) {
            log.warn(
                    "could not publish message {} of announcement channel {} (not retried): {}",
                    messageId,
                    channelId,
                    e.toString());
            return unpublished(Unpublished.Reason.OTHER, "network error: " + e);
        }
    }

    private static Unpublished.Reason reason(int status) {
        if (status == 429) return Unpublished.Reason.RATE_LIMITED;
        if (status == 403) return Unpublished.Reason.MISSING_PERMISSION;
        return Unpublished.Reason.OTHER;
    }

    private static Optional<Unpublished> unpublished(Unpublished.Reason reason, String detail) {
        return Optional.of(new Unpublished(reason, detail));
    }

    /** Takes one of the channel's publishes of the rolling hour; false when all of them are taken. */
    private boolean reserve(String channelId, Instant now) {
        Deque<Instant> times = published.computeIfAbsent(channelId, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().plus(HOUR).isAfter(now)) times.pollFirst();
            if (times.size() >= PUBLISHES_PER_HOUR) return false;
            times.addLast(now);
            return true;
        }
    }
}
