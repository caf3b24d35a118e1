package org.excerptbot.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

/** The daily post composed once per date and language is the one each subscriber of that date and language gets. */
class ExcerptPostsTest {
    private static final Slot EIGHT = new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"));
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final Texts ZH = Messages.load().texts(Messages.CHINESE);

    private static Subscription daily(long id, String language) {
        return subscription(id, Mode.DAILY, Format.TEXT, language, 0);
    }

    private static Subscription subscription(long id, Mode mode, Format format, String language, long cursor) {
        return new Subscription(
                id,
                new ChatRef(Platform.TELEGRAM, String.valueOf(id), ChatType.PRIVATE),
                EIGHT,
                mode,
                Days.EVERY_DAY,
                format,
                language,
                cursor,
                SubscriptionStatus.ACTIVE,
                Instant.EPOCH);
    }

    @Test
    void aCardPostCarriesTheExcerptsCardCaptionedWithItsCitation() {
        ExcerptPosts posts = DeliveryEngineTest.POSTS;
        Excerpt excerpt = DeliveryEngineTest.ROTATION.excerptFor(DAY);

        Post card = posts.compose(subscription(1, Mode.DAILY, Format.CARD, "zh", 0), DAY);
        Post text = posts.compose(subscription(2, Mode.DAILY, Format.TEXT, "zh", 0), DAY);

        assertThat(text.reply().pictures()).isEmpty();
        assertThat(card.reply().pictures()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.altText()).isEqualTo(excerpt.text());
            assertThat(p.caption())
                    .startsWith(Citations.of(DeliveryEngineTest.CORPUS, excerpt.ref(), ZH)
                            .line());
            assertThat(p.width() + p.height()).isLessThanOrEqualTo(10_000);
        });
        assertThat(card.reply().plainText()).isEqualTo(text.reply().plainText());
        assertThat(card.reply().title()).isEqualTo(text.reply().title());
    }

    @Test
    void aSequentialPostNamesItsPlaceAsAnExcerptOfThePool() {
        ExcerptPosts posts = DeliveryEngineTest.POSTS;
        int pool = posts.sequenceLength();

        Post first = posts.compose(subscription(1, Mode.SEQUENTIAL, Format.TEXT, "zh", 0), DAY);
        Post en = posts.compose(subscription(2, Mode.SEQUENTIAL, Format.CARD, "en", pool + 2), DAY);

        assertThat(first.reply().title()).contains("通读 · 第 1 条摘录，共 " + pool + " 条");
        assertThat(en.reply().title()).contains("Reading through · excerpt 3 of " + pool);
        assertThat(en.reply().pictures()).isNotEmpty();
        assertThat(en.item()).hasValue(pool + 2);
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
