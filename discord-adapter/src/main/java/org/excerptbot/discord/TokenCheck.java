package org.excerptbot.discord;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.excerptbot.core.platform.Diagnosis;

/**
 * {@code doctor}'s check of the Discord settings without connecting the bot: asks {@code GET users/@me} with the
 * token, which tells whether {@code DISCORD_API_URL} answers and whether Discord accepts {@code DISCORD_BOT_TOKEN}.
 */
final class TokenCheck {
    static final String SUBJECT = "discord";

    private final DiscordSettings settings;
    private final Duration timeout;

    TokenCheck(DiscordSettings settings, Duration timeout) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
        }
    }

    private record Answer(int status, String body) {}

    Diagnosis run() {
        String api = settings.apiUrl();
        String where = "users/@me at " + api;
        Answer me;
        try {
            me = get(URI.create(api + "users/@me"));
        } catch (IOException e) {
            return new Diagnosis(
                    Diagnosis.Level.FAIL, SUBJECT, where + ": " + describe(e), "is DISCORD_API_URL reachable?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Diagnosis(Diagnosis.Level.FAIL, SUBJECT, where + ": interrupted", "run doctor again");
        }
        DataObject body = parse(me.body());
        if (me.status() == 401) {
            return new Diagnosis(
                    Diagnosis.Level.FAIL,
                    SUBJECT,
                    where + " answered 401 " + describe(body, me.body()),
                    "Discord refused DISCORD_BOT_TOKEN: in the developer portal, Bot, Reset Token, and paste the new"
                            + " one");
        }
        if (me.status() != 200) {
            return new Diagnosis(
                    Diagnosis.Level.FAIL,
                    SUBJECT,
                    where + " answered " + me.status() + " " + describe(body, me.body()),
                    "try again later; if it persists, check DISCORD_API_URL");
        }
        return new Diagnosis(
                Diagnosis.Level.OK,
                SUBJECT,
                "token accepted: " + body.getString("username", "") + " (id " + body.getString("id", "") + ")",
                "");
    }

    private Answer get(URI uri) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bot " + settings.token())
                .header("User-Agent", DiscordMessenger.USER_AGENT + " excerpt-bot-doctor")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private String describe(IOException e) {
        if (e instanceof ConnectException) return "connection refused";
        if (e instanceof HttpTimeoutException) {
            return "no answer within "
                    + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s");
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The body as JSON; empty when it is not JSON. */
    private static DataObject parse(String text) {
        try {
            return DataObject.fromJson(text);
        } catch (RuntimeException e) {
            return DataObject.empty();
        }
    }

    /** Discord's explanation of an error, in parentheses; the start of the body when it is not JSON. */
    private static String describe(DataObject json, String text) {
        if (json.hasKey("description")) return "(" + json.getString("description", "") + ")";
        if (json.hasKey("message")) return "(" + json.getString("message", "") + ")";
        if (!json.keys().isEmpty()) return "";
        String body = text.strip();
        return body.length() > 120 ? body.substring(0, 120) : body;
    }
}
