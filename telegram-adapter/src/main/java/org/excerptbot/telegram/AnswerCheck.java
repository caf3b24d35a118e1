package org.excerptbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells the answers TelegramBots cannot read apart by their HTTP status. The library ignores the status and
 * reports any body it cannot parse as "Unable to deserialize response", without a code, so a garbled answer to a
 * request the Bot API carried out (HTTP 200) looks the same as a proxy's error page. Here an error status whose
 * body is not a Bot API error becomes an {@link UnreadableAnswerException} with the status; what the library then
 * still cannot read came with a 2xx: the Bot API took the request (see {@link ApiErrors#acceptedUnreadably}).
 * Successful answers pass untouched, so this costs nothing on the way of a send.
 */
final class AnswerCheck implements Interceptor {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int SHOWN = 120;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful()) return response;
        String body = response.peekBody(64 * 1024).string();
        if (isBotApiError(body)) return response;
        response.close();
        String shown = body.strip().replaceAll("\\s+", " ");
        throw new UnreadableAnswerException(
                response.code(), shown.length() > SHOWN ? shown.substring(0, SHOWN) + "…" : shown);
    }

    private static boolean isBotApiError(String body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            return json != null
                    && json.path("ok").isBoolean()
                    && (json.path("error_code").isMissingNode()
                            || json.path("error_code").isInt());
        } catch (IOException e) {
            return false;
        }
    }
}
