package org.excerptbot.core.subscription;

import java.util.regex.Pattern;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.Unpublished;
import org.excerptbot.core.i18n.Texts;

/** What became of a schedule's post, in the user's words, for {@code /status} and {@code /settings}. */
final class PostOutcomeWords {
    /** A refusal that means the bot was removed from the chat, or the chat is gone. */
    private static final Pattern REMOVED =
            Pattern.compile("(?i)kicked|removed|not a member|unknown channel|unknown guild|chat not found|deactivated");

    private static final Pattern BLOCKED = Pattern.compile("(?i)blocked|can't initiate conversation");
    private static final Pattern NO_PERMISSION = Pattern.compile(
            "(?i)missing access|missing permissions|not enough rights|have no rights|administrator rights");

    private PostOutcomeWords() {}

    /** The row's status and detail in words. */
    static String of(Delivery d, Texts texts) {
        String detail = d.detail() == null ? "" : d.detail();
        boolean rateLimited = detail.startsWith("429") || detail.contains("rate limit");
        return switch (d.status()) {
            case SENT -> Unpublished.parse(detail)
                    .map(u -> unpublished(u, texts))
                    .orElseGet(() -> rateLimited
                            ? texts.get("status.sent.rate.limited")
                            : d.attempts() > 0
                                    ? texts.get("status.sent.retried", d.attempts())
                                    : texts.get("status.sent"));
            case PENDING -> rateLimited
                    ? texts.get("status.pending.rate.limited")
                    : detail.isEmpty() ? texts.get("status.pending") : texts.get("status.pending.retry", detail);
            case CLAIMED, SENDING -> texts.get("status.sending");
            case FAILED -> failed(detail, texts);
            case SKIPPED -> skipped(detail, texts);
            case ABANDONED -> texts.get("status.abandoned");
        };
    }

    private static String unpublished(Unpublished u, Texts texts) {
        return switch (u.reason()) {
            case RATE_LIMITED -> texts.get("status.sent.unpublished.rate.limited");
            case MISSING_PERMISSION -> texts.get("status.sent.unpublished.permission");
            case OTHER -> texts.get("status.sent.unpublished", u.detail());
        };
    }

    private static String skipped(String detail, Texts texts) {
        if (detail.startsWith(Delivery.NOT_ON_ITS_DAYS)) return texts.get("status.skipped.day");
        if (detail.startsWith(Delivery.NOT_ACTIVE)) return texts.get("status.skipped.inactive");
        if (detail.startsWith(Delivery.STALE)) return texts.get("status.skipped.stale");
        return texts.get("status.skipped", detail);
    }

    private static String failed(String detail, Texts texts) {
        if (detail.startsWith("forbidden:")) {
            if (REMOVED.matcher(detail).find()) return texts.get("status.refused.removed");
            if (BLOCKED.matcher(detail).find()) return texts.get("status.refused.blocked");
            if (NO_PERMISSION.matcher(detail).find()) return texts.get("status.refused.permission");
            return texts.get("status.refused.forbidden");
        }
        if (detail.startsWith("gave up after")) return texts.get("status.failed.gave.up", detail);
        return texts.get("status.failed", detail);
    }
}
