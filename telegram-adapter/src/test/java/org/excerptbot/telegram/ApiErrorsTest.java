package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

class ApiErrorsTest {
    private static TelegramApiException network(Throwable cause) {
        return new TelegramApiException("Unable to execute sendMessage method", cause);
    }

    @Test
    void aRequestThatGotNoAnswerAfterItWasSentMayHaveArrived() {
        assertThat(ApiErrors.mayHaveArrived(network(new IOException("unexpected end of stream"))))
                .isTrue();
        assertThat(ApiErrors.mayHaveArrived(network(new SocketTimeoutException("Read timed out"))))
                .isTrue();
        assertThat(ApiErrors.mayHaveArrived(new ExecutionException(network(new SocketTimeoutException("timeout")))))
                .isTrue();
    }

    @Test
    void aRequestThatNeverLeftOrGotAnAnswerDidNotArrive() {
        assertThat(ApiErrors.mayHaveArrived(network(new ConnectException("Connection refused"))))
                .isFalse();
        assertThat(ApiErrors.mayHaveArrived(network(new UnknownHostException("api.telegram.org"))))
                .isFalse();
        assertThat(ApiErrors.mayHaveArrived(network(new SocketTimeoutException("Connect timed out"))))
                .isFalse();
        assertThat(ApiErrors.mayHaveArrived(new TelegramApiRequestException(
                        "Error sending sendMessage query", new ApiResponse<>(false, 502, "Bad Gateway", null, null))))
                .isFalse();
        assertThat(ApiErrors.mayHaveArrived(new IllegalStateException("a bug, no network involved")))
                .isFalse();
    }
}
