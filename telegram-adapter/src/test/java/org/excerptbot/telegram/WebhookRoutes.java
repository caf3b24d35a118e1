package org.excerptbot.telegram;

import java.util.function.Consumer;
import org.excerptbot.core.platform.HttpRoute;
import org.telegram.telegrambots.meta.api.objects.Update;

/** The webhook endpoint on its own, for benchmarks of the HTTP server that mounts it. */
public final class WebhookRoutes {
    /** The header Telegram echoes the secret token in. */
    public static final String SECRET_HEADER = TelegramWebhook.SECRET_HEADER;

    private WebhookRoutes() {}

    /** The endpoint at {@code path}, checking {@code secret} and handing each update to {@code consumer}. */
    public static HttpRoute of(String path, String secret, Consumer<Update> consumer) {
        return new HttpRoute(path, new TelegramWebhook(secret, consumer));
    }
}
