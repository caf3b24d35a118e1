package org.excerptbot.telegram;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.excerptbot.core.platform.Diagnosis;
import org.excerptbot.core.platform.Diagnosis.Level;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * {@code doctor}'s Telegram checks, through the adapter's own client: whether the Bot API accepts the token
 * (getMe), and whether Telegram's webhook is the one these settings use (getWebhookInfo), with what to fix. The
 * token never appears in a finding.
 */
final class TelegramDiagnosis {
    private static final Set<Integer> WEBHOOK_PORTS = Set.of(443, 80, 88, 8443);

    private final TelegramSettings settings;
    private final Duration timeout;
    private final Redactor redactor;
    private final URI api;

    TelegramDiagnosis(TelegramSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
        this.redactor = new Redactor(settings.token());
        this.api = settings.apiUrl();
    }

    List<Diagnosis> run() {
        OkHttpClient http = BotApiClients.oneOff(timeout);
        try {
            TelegramClient client = BotApiClients.client(settings, http);
            List<Diagnosis> out = new ArrayList<>();
            User me;
            try {
                me = client.execute(new GetMe());
            } catch (TelegramApiException | RuntimeException e) {
                out.add(refused(e));
                return out;
            }
            out.add(new Diagnosis(
                    Level.OK, "telegram", "token accepted: @" + me.getUserName() + " (id " + me.getId() + ")", ""));
            out.add(webhook(client));
            settings.webhook().flatMap(TelegramDiagnosis::unreachableUrl).ifPresent(out::add);
            return out;
        } finally {
            BotApiClients.shutDown(http);
        }
    }

    /** What daily posts cost: nothing at about 30/s, or the paid broadcast's fee per message. */
    static Diagnosis paidBroadcast(TelegramSettings settings) {
        if (!settings.paidBroadcast()) {
            return new Diagnosis(
                    Level.OK,
                    "broadcast",
                    "paid broadcast off: daily posts go out free at about 30 messages/s ("
                            + TelegramSettings.PAID_BROADCAST_VARIABLE + "=true sends up to "
                            + TelegramSettings.PAID_BROADCAST_PER_SECOND + "/s for "
                            + TelegramSettings.PAID_BROADCAST_STARS_PER_MESSAGE + " Telegram Stars per message)",
                    "");
        }
        return new Diagnosis(
                Level.WARN,
                "broadcast",
                "paid broadcast on: daily posts are sent with allow_paid_broadcast at up to "
                        + TelegramSettings.PAID_BROADCAST_PER_SECOND + " messages/s; Telegram charges "
                        + TelegramSettings.PAID_BROADCAST_STARS_PER_MESSAGE
                        + " Telegram Stars per message, withdrawn from the bot's Star balance",
                "keep the bot's Star balance topped up, or set " + TelegramSettings.PAID_BROADCAST_VARIABLE
                        + "=false to send free at about 30/s");
    }

    private Diagnosis refused(Exception e) {
        CallFailure failure = CallFailure.of(e, redactor);
        return switch (failure.kind()) {
            case UNREACHED -> new Diagnosis(
                    Level.FAIL,
                    "telegram",
                    "getMe at " + api + ": " + network(e),
                    "is TELEGRAM_API_URL right and reachable from here (proxy, firewall, DNS)?");
            case UNREADABLE -> new Diagnosis(
                    Level.FAIL,
                    "telegram",
                    "getMe at " + api + " answered with something that is not a Bot API answer (" + failure.detail()
                            + ")",
                    "check that TELEGRAM_API_URL points at a Bot API server (https://api.telegram.org, or your own)");
            case ANSWERED -> new Diagnosis(
                    Level.FAIL,
                    "telegram",
                    "getMe at " + api + " answered " + failure.code() + " (" + failure.detail() + ")",
                    switch (failure.code()) {
                        case 401 -> "Telegram refused TELEGRAM_BOT_TOKEN: copy it again from @BotFather (/mybots,"
                                + " API Token); a revoked token stops working at once";
                        case 404 -> "the token is malformed or TELEGRAM_API_URL is not a Bot API server";
                        default -> "try again later; if it persists, check TELEGRAM_API_URL";
                    });
        };
    }

    private Diagnosis webhook(TelegramClient client) {
        WebhookInfo info;
        try {
            info = client.execute(new GetWebhookInfo());
        } catch (TelegramApiException | RuntimeException e) {
            return new Diagnosis(
                    Level.WARN,
                    "webhook",
                    "getWebhookInfo failed: " + CallFailure.of(e, redactor).describe("getWebhookInfo", api),
                    "");
        }
        String current = info.getUrl() == null ? "" : info.getUrl();
        String lastError = info.getLastErrorMessage() == null ? "" : info.getLastErrorMessage();
        if (settings.webhook().isEmpty()) {
            return current.isEmpty()
                    ? new Diagnosis(Level.OK, "webhook", "none set: the bot uses long polling", "")
                    : new Diagnosis(
                            Level.WARN,
                            "webhook",
                            "Telegram has a webhook at " + current + ", but TELEGRAM_WEBHOOK_URL is empty",
                            "long polling deletes that webhook at start; if another deployment uses it, give each"
                                    + " deployment its own bot token");
        }
        String wanted = settings.webhook().get().url().toString();
        if (!current.equals(wanted)) {
            return new Diagnosis(
                    Level.WARN,
                    "webhook",
                    "Telegram has " + (current.isEmpty() ? "no webhook" : current) + "; the bot sets " + wanted
                            + " at start",
                    "");
        }
        if (!lastError.isEmpty()) {
            int pending = info.getPendingUpdatesCount() == null ? 0 : info.getPendingUpdatesCount();
            return new Diagnosis(
                    Level.WARN,
                    "webhook",
                    wanted + " is set, but Telegram's last delivery failed: " + redactor.text(lastError) + " ("
                            + pending + " updates pending)",
                    "Telegram must reach the URL over HTTPS on port 443, 80, 88 or 8443 and forward it to"
                            + " EXCERPT_BOT_HTTP_PORT");
        }
        return new Diagnosis(Level.OK, "webhook", wanted + " is set", "");
    }

    /** A webhook URL Telegram's servers would refuse to deliver to: not https, or another port. */
    private static Optional<Diagnosis> unreachableUrl(TelegramSettings.Webhook webhook) {
        URI url = webhook.url();
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        if ("https".equals(url.getScheme()) && WEBHOOK_PORTS.contains(port)) return Optional.empty();
        return Optional.of(new Diagnosis(
                Level.WARN,
                "webhook",
                url + " is not https on port 443, 80, 88 or 8443: Telegram's servers deliver to no other (a"
                        + " self-hosted Bot API server may)",
                "set TELEGRAM_WEBHOOK_URL to an https URL on one of those ports, forwarded to EXCERPT_BOT_HTTP_PORT"));
    }

    private String network(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException) return "connection refused";
            if (c instanceof UnknownHostException) return "unknown host " + api.getHost();
            if (c instanceof InterruptedIOException) return "no answer within " + timeout.toSeconds() + " s";
        }
        return redactor.describe(e);
    }
}
