package org.excerptbot.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.Unpublished;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.junit.jupiter.api.Test;

/** A row's fate in words, as {@code /status} shows it, in both languages. */
class PostOutcomeWordsTest {
    private static final Messages MESSAGES = Messages.load();
    private static final Texts ZH = MESSAGES.texts(Locale.SIMPLIFIED_CHINESE);
    private static final Texts EN = MESSAGES.texts(Locale.ENGLISH);
    private static final Instant AT = Instant.parse("2026-03-02T00:00:00Z");

    private static Delivery row(DeliveryStatus status, String detail) {
        return new Delivery(
                1, 1, LocalDate.of(2026, 3, 2), status, 0, OptionalLong.empty(), "m", detail, AT, Optional.of(AT));
    }

    @Test
    void aSentPostThatWasNotPublishedSaysWhyInBothLanguages() {
        String limited =
                new Unpublished(Unpublished.Reason.RATE_LIMITED, "429 0 You are being rate limited.").recorded();
        assertThat(PostOutcomeWords.of(row(DeliveryStatus.SENT, limited), EN))
                .isEqualTo("posted, but not published to following servers: Discord allows 10 publishes an hour per"
                        + " channel");
        assertThat(PostOutcomeWords.of(row(DeliveryStatus.SENT, limited), ZH))
                .isEqualTo(ZH.get("status.sent.unpublished.rate.limited"));
        String denied =
                new Unpublished(Unpublished.Reason.MISSING_PERMISSION, "403 50013 Missing Permissions").recorded();
        assertThat(PostOutcomeWords.of(row(DeliveryStatus.SENT, denied), EN))
                .contains("lacks the permission to publish");
        assertThat(PostOutcomeWords.of(row(DeliveryStatus.SENT, null), ZH)).isEqualTo(ZH.get("status.sent"));
        assertThat(Unpublished.parse(denied))
                .contains(new Unpublished(Unpublished.Reason.MISSING_PERMISSION, "403 50013 Missing Permissions"));
        assertThat(Unpublished.parse("429: retry after 3 s")).isEmpty();
    }

    @Test
    void aPostSkippedBecauseItsDayWasDroppedSaysSo() {
        Delivery skipped = row(DeliveryStatus.SKIPPED, Delivery.NOT_ON_ITS_DAYS + " MONDAY");
        assertThat(PostOutcomeWords.of(skipped, EN)).isEqualTo("not sent: the schedule no longer posts on that day");
        assertThat(PostOutcomeWords.of(skipped, ZH)).isEqualTo(ZH.get("status.skipped.day"));
    }

    @Test
    void aPostSkippedWhileTurnedOffOrPastItsGraceSaysSoInWordsNotInTheEnginesTerms() {
        Delivery inactive = row(DeliveryStatus.SKIPPED, Delivery.NOT_ACTIVE + " UNSUBSCRIBED");
        assertThat(PostOutcomeWords.of(inactive, EN))
                .isEqualTo("not sent: the post had been turned off or removed by then");
        assertThat(PostOutcomeWords.of(inactive, ZH)).isEqualTo("未发送：到时该推送已停用或退订");
        Delivery stale = row(DeliveryStatus.SKIPPED, Delivery.STALE + " 2026-03-01T23:00:00Z, grace over");
        assertThat(PostOutcomeWords.of(stale, EN))
                .isEqualTo("not sent: the bot was down for longer than it catches up missed posts")
                .doesNotContain("grace");
        assertThat(PostOutcomeWords.of(stale, ZH)).isEqualTo("未发送：机器人停机太久，已过补发时限");
    }
}
