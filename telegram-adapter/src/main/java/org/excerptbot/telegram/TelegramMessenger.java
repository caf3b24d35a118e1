package org.excerptbot.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The {@link Messenger} for Telegram, used for bulk sends such as daily posts: each call makes one attempt per
 * message and maps the Bot API's answer to a {@link SendOutcome} (429 → RateLimited with {@code retry_after}, 403
 * → Forbidden, 400 with {@code migrate_to_chat_id} → Migrated, other 4xx → Failed not retryable, network errors
 * and 5xx → Failed retryable, as {@link ApiErrors} classifies them); it never retries or waits by itself. Forbidden
 * and migrated chats are also reported to the {@link org.excerptbot.core.delivery.ChatStatusListener}, once each,
 * and later sends follow a migration.
 *
 * <p>A bulk send is one {@code sendMessage} on the calling thread, over the adapter's own OkHttp client (its
 * connection pool): the request's JSON is written and the answer read with Jackson's streaming API, keeping only
 * what the outcome needs ({@code ok}, {@code result.message_id}, {@code error_code}, {@code description},
 * {@code parameters}). TelegramBots' {@code executeAsync} would hand the call to OkHttp's dispatcher threads and
 * bind the whole answer to a {@code Message}; at the paid-broadcast rate (1,000 posts/s) that was about a third of
 * the bot's CPU per post.
 */
public final class TelegramMessenger implements Messenger {
    private static final long TIMEOUT_SECONDS = 60;
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final JsonFactory JSON = new JsonFactory();

    private final Outbox outbox;
    private final HtmlRenderer renderer;
    private final OkHttpClient http;
    private final HttpUrl sendMessage;

    TelegramMessenger(Outbox outbox, HtmlRenderer renderer, OkHttpClient http, TelegramUrl api, String token) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.http = Objects.requireNonNull(http, "http");
        Objects.requireNonNull(api, "api");
        this.sendMessage = new HttpUrl.Builder()
                .scheme(api.getSchema())
                .host(api.getHost())
                .port(api.getPort())
                .addPathSegment("bot" + Objects.requireNonNull(token, "token"))
                .addPathSegment("sendMessage")
                .build();
    }

    @Override
    public Platform platform() {
        return Platform.TELEGRAM;
    }

    @Override
    public SendOutcome send(ChatRef chat, Reply reply) {
        if (chat.platform() != Platform.TELEGRAM) {
            throw new IllegalArgumentException("chat: not a Telegram chat: " + chat);
        }
        List<HtmlRenderer.Rendered> parts = renderer.render(reply);
        SendOutcome outcome = null;
        for (HtmlRenderer.Rendered part : parts) {
            outcome = sendOnce(chat, part);
            if (!(outcome instanceof SendOutcome.Sent)) return outcome;
        }
        return outcome;
    }

    /** One attempt at one message: the outcome is for the caller to act on, and is reported to the outbox. */
    private SendOutcome sendOnce(ChatRef chat, HtmlRenderer.Rendered part) {
        long id = Long.parseLong(chat.id());
        ChatStates states = outbox.states();
        if (states.isForbidden(id)) {
            return new SendOutcome.Forbidden("the chat refused the bot earlier; not sent again");
        }
        SendOutcome outcome;
        try {
            outcome = post(states.resolve(id), part);
        } catch (IOException e) {
            outcome = ApiErrors.classify(
                    new TelegramApiException("Unable to execute sendMessage method", e), outbox.redactor());
        }
        outbox.report(chat, "sendMessage", outcome);
        return outcome;
    }

    private SendOutcome post(long chatId, HtmlRenderer.Rendered part) throws IOException {
        Call call = http.newCall(new Request.Builder()
                .url(sendMessage)
                .post(RequestBody.create(json(chatId, part), JSON_TYPE))
                .build());
        call.timeout().timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try (Response response = call.execute();
                ResponseBody body = response.body()) {
            return outcome(body.byteStream());
        }
    }

    /** The sendMessage parameters, as TelegramBots would write them for the outbox's replies. */
    static byte[] json(long chatId, HtmlRenderer.Rendered part) throws IOException {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(128 + 2 * part.html().length());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("chat_id", String.valueOf(chatId));
            g.writeStringField("text", part.html());
            g.writeStringField("parse_mode", "HTML");
            if (!part.keyboard().isEmpty()) {
                g.writeObjectFieldStart("reply_markup");
                g.writeArrayFieldStart("inline_keyboard");
                for (List<Action> row : part.keyboard()) {
                    g.writeStartArray();
                    for (Action a : row) {
                        g.writeStartObject();
                        g.writeStringField("text", a.label());
                        g.writeStringField("callback_data", a.data());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * Reads the Bot API's answer ({@code {"ok":true,"result":{"message_id":..}}} or
     * {@code {"ok":false,"error_code":..,"description":..,"parameters":{..}}}) into an outcome; an answer that is not
     * such JSON (a proxy's error page) is a retryable failure.
     */
    private SendOutcome outcome(InputStream body) {
        Answer a = new Answer();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
            fields(p, field -> {
                switch (field) {
                    case "ok" -> a.ok = p.currentToken() == JsonToken.VALUE_TRUE;
                    case "error_code" -> a.errorCode = p.getValueAsInt();
                    case "description" -> a.description = p.getValueAsString();
                    case "result" -> fields(p, name -> {
                        if (name.equals("message_id")) a.messageId = p.getValueAsInt();
                        else p.skipChildren();
                    });
                    case "parameters" -> fields(p, name -> {
                        if (name.equals("retry_after")) a.retryAfter = p.getValueAsInt();
                        else if (name.equals("migrate_to_chat_id")) a.migrateTo = p.getValueAsLong();
                        else p.skipChildren();
                    });
                    default -> p.skipChildren();
                }
            });
        } catch (IOException e) {
            return ApiErrors.classify(
                    new TelegramApiRequestException("Unable to deserialize response", e), outbox.redactor());
        }
        if (Boolean.TRUE.equals(a.ok) && a.messageId != null) return new SendOutcome.Sent(String.valueOf(a.messageId));
        if (Boolean.TRUE.equals(a.ok)) {
            return ApiErrors.classify(
                    new TelegramApiRequestException("Unable to deserialize response: no message_id"),
                    outbox.redactor());
        }
        ResponseParameters parameters =
                a.retryAfter == null && a.migrateTo == null ? null : new ResponseParameters(a.migrateTo, a.retryAfter);
        return ApiErrors.classify(
                new TelegramApiRequestException(
                        "Error sending sendMessage query",
                        new ApiResponse<>(false, a.errorCode, a.description, parameters, null)),
                outbox.redactor());
    }

    /**
     * For each field of the object whose start the parser is at, moves to the field's value and calls
     * {@code field} with its name (which must read or skip the value); a value that is not an object is skipped.
     */
    private static void fields(JsonParser p, FieldReader field) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            field.read(name);
        }
    }

    @FunctionalInterface
    private interface FieldReader {
        void read(String name) throws IOException;
    }

    /** What an answer said, as far as the outcome needs it. */
    private static final class Answer {
        Boolean ok;
        Integer messageId;
        Integer errorCode;
        String description;
        Integer retryAfter;
        Long migrateTo;
    }
}
