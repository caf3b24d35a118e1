package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

/** The daily post composed once per date and language is the one each subscriber of that date and language gets. */
class ExcerptPostsTest {
    private static final Slot EIGHT = new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"));
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    private static Subscription daily(long id, String language) {
        return new Subscription(
                id,
                new ChatRef(Platform.TELEGRAM, String.valueOf(id), ChatType.PRIVATE),
                EIGHT,
                Mode.DAILY,
                language,
                0,
                SubscriptionStatus.ACTIVE,
                Instant.EPOCH);
    }

    @Test
    void eachDateAndLanguageHasItsOwnDailyPost() {
        ExcerptPosts posts = DeliveryEngineTest.POSTS;

        Post en = posts.compose(daily(1, "en"), DAY);
        Post zh = posts.compose(daily(2, "zh"), DAY);
        Post next = posts.compose(daily(3, "en"), DAY.plusDays(1));

        assertThat(posts.compose(daily(4, "en"), DAY)).isEqualTo(en);
        assertThat(en.reply().title()).contains("Excerpt of the day · 2026-03-02");
        assertThat(en.reply().plainText())
                .isEqualTo(DeliveryEngineTest.ROTATION.excerptFor(DAY).text());
        assertThat(zh.reply().title()).isNotEqualTo(en.reply().title());
        assertThat(zh.reply().plainText()).isEqualTo(en.reply().plainText());
        assertThat(next.reply().title()).contains("Excerpt of the day · 2026-03-03");
        assertThat(next.reply().plainText())
                .isEqualTo(
                        DeliveryEngineTest.ROTATION.excerptFor(DAY.plusDays(1)).text());
        for (int d = 0; d < 100; d++) posts.compose(daily(5, "en"), DAY.plusDays(d));
        assertThat(posts.compose(daily(6, "zh"), DAY))
                .as("the same after the cache was emptied")
                .isEqualTo(zh);
    }
}
