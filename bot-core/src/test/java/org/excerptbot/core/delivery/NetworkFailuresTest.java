package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Which failures of a send may have reached the platform (never retried) and which surely did not. */
class NetworkFailuresTest {
    @Test
    void aCallRejectedByAClosedClientsExecutorWasNeverSent() {
        // how OkHttp reports a call its shut-down dispatcher refused
        InterruptedIOException rejected = new InterruptedIOException("executor rejected");
        rejected.initCause(new RejectedExecutionException("Task rejected from ThreadPoolExecutor[Terminated]"));

        assertThat(NetworkFailures.mayHaveArrived(rejected)).isFalse();
        assertThat(NetworkFailures.mayHaveArrived(new IOException("send failed", rejected)))
                .isFalse();
        assertThat(NetworkFailures.mayHaveArrived(new RejectedExecutionException("executor shut down")))
                .isFalse();
    }

    @Test
    void failuresBeforeAConnectionWasMadeWereNeverSent() {
        assertThat(NetworkFailures.mayHaveArrived(new ConnectException("Connection refused")))
                .isFalse();
        assertThat(NetworkFailures.mayHaveArrived(new SocketTimeoutException("Connect timed out")))
                .isFalse();
    }

    @Test
    void aConnectionLostOrAnAnswerTimedOutMayHaveArrived() {
        assertThat(NetworkFailures.mayHaveArrived(new SocketException("Connection reset")))
                .isTrue();
        assertThat(NetworkFailures.mayHaveArrived(new SocketTimeoutException("timeout")))
                .isTrue();
        assertThat(NetworkFailures.mayHaveArrived(new UncheckedIOException(new InterruptedIOException("timeout"))))
                .isTrue();
    }

    @Test
    void aFailureThatIsNoNetworkErrorNeverArrived() {
        assertThat(NetworkFailures.mayHaveArrived(new IllegalStateException("bad state")))
                .isFalse();
    }
}
