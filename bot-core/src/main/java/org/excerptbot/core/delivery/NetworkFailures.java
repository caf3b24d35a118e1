package org.excerptbot.core.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;

/**
 * Tells the network failures of a send apart by whether the platform may have received the request. A post goes out
 * at most once: a failure raised before a connection was made (refused, unknown host, no route, connect timeout)
 * or before the request was handed to the network at all (an executor that rejected the call, as a closed HTTP
 * client's does) may be retried; any other network failure (the connection dropped, the answer timed out) may not.
 */
public final class NetworkFailures {
    private NetworkFailures() {}

    /** True when {@code failure} (or a cause) is a network error that may have come after the request was sent. */
    public static boolean mayHaveArrived(Throwable failure) {
        boolean network = false;
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (neverSent(c)) return false;
            if (c instanceof IOException) network = true;
        }
        return network;
    }

    /**
     * A failure raised before the request left: OkHttp, for one, reports a call its closed dispatcher rejected as an
     * {@code InterruptedIOException("executor rejected")} caused by the {@link RejectedExecutionException}.
     */
    private static boolean neverSent(Throwable c) {
        return c instanceof RejectedExecutionException
                || c instanceof ConnectException
                || c instanceof UnknownHostException
                || c instanceof NoRouteToHostException
                || (c instanceof SocketTimeoutException
                        && c.getMessage() != null
                        && c.getMessage().toLowerCase(Locale.ROOT).contains("connect"));
    }
}
