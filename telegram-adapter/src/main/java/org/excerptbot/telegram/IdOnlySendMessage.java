package org.excerptbot.telegram;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * A {@code sendMessage} whose answer is read for its {@code message_id} only, the one field the bot uses. The
 * library reads the whole {@link Message} the Bot API sends back (the chat, the sender, the entities, the keyboard,
 * several of them polymorphic), which costs more CPU than building and sending the request. Any answer other than a
 * success with a message id (an error, a garbled body) is read by the library as before, so that errors keep the
 * exact shape {@link ApiErrors} classifies. The request itself is the library's {@link SendMessage}, unchanged.
 */
final class IdOnlySendMessage extends SendMessage {
    private static final ObjectReader ANSWER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readerFor(Answer.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(@JsonProperty("ok") boolean ok, @JsonProperty("result") Sent result) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sent(@JsonProperty("message_id") Integer messageId) {}

    IdOnlySendMessage(SendMessageBuilder<?, ?> request) {
        super(request);
    }

    /** The message that was sent, with its id and nothing else. */
    @Override
    public Message deserializeResponse(String answer) throws TelegramApiRequestException {
        Answer read;
        try {
            read = ANSWER.readValue(answer);
        } catch (IOException | RuntimeException e) {
            read = null;
        }
        if (read == null || !read.ok() || read.result() == null || read.result().messageId() == null) {
            return super.deserializeResponse(answer);
        }
        return Message.builder().messageId(read.result().messageId()).build();
    }
}
