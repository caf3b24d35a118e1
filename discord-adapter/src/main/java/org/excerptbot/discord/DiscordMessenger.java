package org.excerptbot.discord;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.dv8tion.jda.api.utils.AttachedFile;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.NetworkFailures;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts replies to Discord channels ({@code POST channels/{id}/messages}) for the delivery engine: one request per
 * call and no retry of its own, so that the engine owns retries and pacing. A reply with pictures (a quote card) is
 * the same one request, as {@code multipart/form-data} with {@code payload_json} and the files. JDA's own REST queue would wait out a
 * 429 silently; this sends directly with JDA's HTTP client and reports every outcome instead:
 * <ul>
 *   <li>429 is {@link SendOutcome.RateLimited} for the longer of the body's {@code retry_after} and the
 *       {@code Retry-After} header, for the channel or for all channels if global;
 *   <li>an exhausted bucket ({@code X-RateLimit-Remaining: 0}) is honoured before sending, without a request, so
 *       that a fan-out does not collect invalid requests (Discord bans IPs at 10,000 in 10 minutes);
 *   <li>403 (Missing Access 50001, Missing Permissions 50013) and 404 Unknown Channel (10003) are
 *       {@link SendOutcome.Forbidden} and reported to the {@link ChatStatusListener};
 *   <li>a post in an announcement channel is then published to the servers that follow it
 *       ({@link AnnouncementPublisher}, within Discord's 10 publishes an hour per channel); a refused publish is
 *       logged, not retried, and leaves the outcome {@link SendOutcome.Sent}, since the post itself has arrived,
 *       with the refusal as its {@link SendOutcome.Sent#unpublished()};
 *   <li>5xx and network errors before the request was sent (refused, unknown host, connect timeout) are retryable
 *       failures; a network error after it was sent (dropped connection, read timeout) is a final one, since the
 *       post may have arrived and goes out at most once; any other error is final too.
 * </ul>
 */
public final class DiscordMessenger implements Messenger {
    private static final Logger log = LoggerFactory.getLogger(DiscordMessenger.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    static final String USER_AGENT = "DiscordBot (https://github.com/excerptbot/excerpt-bot, 1.0)";

    private final OkHttpClient http;
    private final String apiUrl;
    private final String authorization;
    private final EmbedRenderer renderer;
    private final ChatStatusListener listener;
    private final Clock clock;
    private final Predicate<String> announcementChannel;
    private final AnnouncementPublisher publisher;
    private final Map<String, Instant> channelBlockedUntil = new ConcurrentHashMap<>();
    private volatile Instant globalBlockedUntil = Instant.EPOCH;

    public DiscordMessenger(
            OkHttpClient http,
            String apiUrl,
            String token,
            EmbedRenderer renderer,
            ChatStatusListener listener,
            Clock clock) {
        this(http, apiUrl, token, renderer, listener, clock, channelId -> false);
    }

    /**
     * @param announcementChannel whether a channel id is an announcement channel, whose posts are published to the
     *     servers following it
     */
    public DiscordMessenger(
            OkHttpClient http,
            String apiUrl,
            String token,
            EmbedRenderer renderer,
            ChatStatusListener listener,
            Clock clock,
            Predicate<String> announcementChannel) {
        // a connection dropped without an answer may have delivered the post: the engine decides, OkHttp must not
        // send it again by itself
        this.http = Objects.requireNonNull(http, "http")
                .newBuilder()
                .retryOnConnectionFailure(false)
                .build();
        Objects.requireNonNull(apiUrl, "apiUrl");
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        if (token == null || token.isBlank()) throw new IllegalArgumentException("token: must not be blank");
        this.authorization = "Bot " + token.strip();
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.announcementChannel = Objects.requireNonNull(announcementChannel, "announcementChannel");
        this.publisher = new AnnouncementPublisher(this.http, this.apiUrl, this::authorized, clock);
    }

    private Request.Builder authorized(Request.Builder request) {
        return request.header("Authorization", authorization).header("User-Agent", USER_AGENT);
    }

    @Override
    public Platform platform() {
        return Platform.DISCORD;
    }

    @Override
    public SendOutcome send(ChatRef chat, Reply reply) {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(reply, "reply");
        if (chat.platform() != Platform.DISCORD) {
            throw new IllegalArgumentException("chat: not a Discord chat: " + chat);
        }
        if (!chat.id().matches("\\d{1,20}")) {
            return new SendOutcome.Failed("not a Discord channel id: " + chat.id(), false);
        }
        Instant now = clock.instant();
        Instant blocked = later(globalBlockedUntil, channelBlockedUntil.getOrDefault(chat.id(), Instant.EPOCH));
        if (now.isBefore(blocked)) return new SendOutcome.RateLimited(Duration.between(now, blocked));

        MessageCreateData message = renderer.create(reply);
        RequestBody body = message.getFiles().isEmpty()
                ? RequestBody.create(message.toData().toJson(), JSON)
                : AttachedFile.createMultipartBody(message.getFiles(), message.toData())
                        .build();
        Request request = authorized(new Request.Builder().url(apiUrl + "channels/" + chat.id() + "/messages"))
                .post(body)
                .build();
        SendOutcome outcome;
        try (message;
                Response response = http.newCall(request).execute()) {
            outcome = outcome(chat, response, response.body().string());
        } catch (IOException e) {
            if (NetworkFailures.mayHaveArrived(e)) {
                // at most once: Discord may have taken the post before the connection failed
                return new SendOutcome.Failed(
                        "network error posting to channel " + chat.id() + ": " + e
                                + " (after the request was sent, so it may have arrived; not sent again)",
                        false);
            }
            return new SendOutcome.Failed("network error posting to channel " + chat.id() + ": " + e, true);
        }
        if (outcome instanceof SendOutcome.Sent sent
                && !sent.messageId().isEmpty()
                && announcementChannel.test(chat.id())) {
            return new SendOutcome.Sent(sent.messageId(), publisher.publish(chat.id(), sent.messageId()));
        }
        return outcome;
    }

    private SendOutcome outcome(ChatRef chat, Response response, String text) {
        Instant now = clock.instant();
        int status = response.code();
        DataObject json = parse(text);
        if (status == 429) {
            Duration retryAfter = later(
                    seconds(json.opt("retry_after").map(String::valueOf).orElse(null)),
                    seconds(response.header("Retry-After")));
            if (retryAfter.isZero()) retryAfter = Duration.ofSeconds(1);
            boolean global = json.getBoolean("global", false) || response.header("X-RateLimit-Global") != null;
            if (global) {
                globalBlockedUntil = now.plus(retryAfter);
            } else {
                channelBlockedUntil.put(chat.id(), now.plus(retryAfter));
            }
            log.warn(
                    "Discord rate limit ({}) posting to channel {}: retry after {} ms",
                    global ? "global" : response.header("X-RateLimit-Scope"),
                    chat.id(),
                    retryAfter.toMillis());
            return new SendOutcome.RateLimited(retryAfter);
        }
        track(chat.id(), response, now);
        if (status / 100 == 2) return new SendOutcome.Sent(json.getString("id", ""));
        int code = json.getInt("code", 0);
        String reason = status + " " + code + " " + json.getString("message", response.message());
        if (status == 403 || (status == 404 && code == 10003)) {
            log.warn("Discord refuses posts to channel {}: {}", chat.id(), reason);
            listener.chatForbidden(chat, reason);
            return new SendOutcome.Forbidden(reason);
        }
        log.warn("Discord rejected a post to channel {}: {}", chat.id(), reason);
        return new SendOutcome.Failed(reason, status >= 500);
    }

    /** Remembers an exhausted bucket until it resets. */
    private void track(String channelId, Response response, Instant now) {
        String remaining = response.header("X-RateLimit-Remaining");
        Duration resetAfter = seconds(response.header("X-RateLimit-Reset-After"));
        if ("0".equals(remaining) && !resetAfter.isZero()) {
            channelBlockedUntil.put(channelId, now.plus(resetAfter));
        } else {
            channelBlockedUntil.remove(channelId);
        }
    }

    static DataObject parse(String text) {
        try {
            return text == null || text.isBlank() ? DataObject.empty() : DataObject.fromJson(text);
        } catch (RuntimeException e) {
            return DataObject.empty();
        }
    }

    /** Seconds as Discord writes them ({@code 1}, {@code 0.25}); zero when absent or malformed. */
    static Duration seconds(String value) {
        if (value == null || value.isBlank()) return Duration.ZERO;
        try {
            double s = Double.parseDouble(value.strip());
            return s > 0 ? Duration.ofMillis((long) Math.ceil(s * 1000)) : Duration.ZERO;
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration later(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
