package org.excerptbot.core.platform;

import com.sun.net.httpserver.HttpHandler;
import java.util.Objects;

/**
 * An endpoint a platform needs on the bot's HTTP server, such as Telegram's webhook. The handler speaks the
 * platform's protocol itself; the application only mounts it at {@code path}.
 */
public record HttpRoute(String path, HttpHandler handler) {
    public HttpRoute {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) throw new IllegalArgumentException("path: must start with /, was " + path);
        Objects.requireNonNull(handler, "handler");
    }
}
