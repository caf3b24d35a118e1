package org.excerptbot.core.delivery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.Messenger;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;

/**
 * A minimal Bot API {@code sendMessage} client for the benchmark, standing in for the Telegram adapter's
 * messenger until that lands: plain text over HTTP, with Telegram's error shapes mapped to {@link SendOutcome}.
 */
final class HttpBotApiMessenger implements Messenger {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI sendMessage;

    HttpBotApiMessenger(String baseUrl, String token) {
        this.sendMessage = URI.create(baseUrl + "/bot" + token + "/sendMessage");
    }

    @Override
    public Platform platform() {
        return Platform.TELEGRAM;
    }

    @Override
    public SendOutcome send(ChatRef chat, Reply reply) {
        try {
            String body = JSON.writeValueAsString(Map.of("chat_id", chat.id(), "text", render(reply)));
            HttpRequest request = HttpRequest.newBuilder(sendMessage)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (json.path("ok").asBoolean()) {
                return new SendOutcome.Sent(
                        json.path("result").path("message_id").asText());
            }
            JsonNode parameters = json.path("parameters");
            String description = json.path("description").asText();
            if (response.statusCode() == 429) {
                return new SendOutcome.RateLimited(
                        Duration.ofSeconds(parameters.path("retry_after").asLong(1)));
            }
            if (response.statusCode() == 403) return new SendOutcome.Forbidden(description);
            if (parameters.has("migrate_to_chat_id")) {
                return new SendOutcome.Migrated(
                        parameters.path("migrate_to_chat_id").asText());
            }
            return new SendOutcome.Failed(response.statusCode() + " " + description, response.statusCode() >= 500);
        } catch (IOException e) {
            return new SendOutcome.Failed("network: " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Failed("interrupted", true);
        }
    }

    private static String render(Reply reply) {
        String text =
                reply.sections().stream().map(DeliveryBenchmarkText::section).collect(Collectors.joining("\n\n"));
        return reply.title().map(t -> t + "\n\n" + text).orElse(text);
    }

    /** Plain-text rendering of a section with its citation. */
    static final class DeliveryBenchmarkText {
        private DeliveryBenchmarkText() {}

        static String section(Section s) {
            return s.plainText() + s.citation().map(c -> "\n— " + c.line()).orElse("");
        }
    }
}
