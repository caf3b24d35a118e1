package org.excerptbot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.delivery.PostQueue;
import org.excerptbot.core.store.JdbcDeliveryStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Slot;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quartz.spi.OperableTrigger;

/**
 * Daily posts across the real zone rules of four zones (Berlin, New York, Sydney and Lord Howe's 30-minute shift),
 * driven by an injected clock: the slot's real trigger is asked for its fire times as Quartz asks it, each firing
 * goes to the post queue, and the engine's catch-up runs every five minutes and at every start. A time inside a
 * spring-forward gap is posted once that day, when the gap shifts it to; a time that happens twice is posted once,
 * at its first occurrence, or at its second for a chat that subscribed between them; also across a restart.
 */
class DaylightSavingPostsTest {
    private static final Duration GRACE = Duration.ofHours(6);
    private static final Duration CATCH_UP_EVERY = Duration.ofMinutes(5);
    private static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(60);
    private static final ChatRef CHAT = new ChatRef(Platform.TELEGRAM, "42", ChatType.PRIVATE);

    /**
     * One chat's story: when its slot got a trigger, when it subscribed, when (if ever) the process was down, and
     * when the post of {@code day} must go out.
     */
    record Story(
            Slot slot,
            LocalDate day,
            Instant triggerSince,
            Instant subscribedAt,
            Instant downFrom,
            Instant upAgain,
            Instant expectedPost) {}

    static Stream<Arguments> stories() {
        List<Arguments> out = new ArrayList<>();
        // spring forward: the slot's time does not exist that day; it is due as far past the gap's start
        gap(out, "Europe/Berlin", "02:30", "2026-03-29", "2026-03-29T01:30:00Z");
        gap(out, "America/New_York", "02:30", "2026-03-08", "2026-03-08T07:30:00Z");
        gap(out, "Australia/Sydney", "02:30", "2026-10-04", "2026-10-03T16:30:00Z");
        gap(out, "Australia/Lord_Howe", "02:15", "2026-10-04", "2026-10-03T15:45:00Z");
        // fall back: the slot's time happens twice
        overlap(out, "Europe/Berlin", "02:30", "2026-10-25", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z");
        overlap(out, "America/New_York", "01:30", "2026-11-01", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z");
        overlap(out, "Australia/Sydney", "02:30", "2026-04-05", "2026-04-04T15:30:00Z", "2026-04-04T16:30:00Z");
        overlap(out, "Australia/Lord_Howe", "01:45", "2026-04-05", "2026-04-04T14:45:00Z", "2026-04-04T15:15:00Z");
        return out.stream();
    }

    private static void gap(List<Arguments> out, String zone, String time, String day, String due) {
        Slot slot = new Slot(LocalTime.parse(time), ZoneId.of(zone));
        LocalDate date = LocalDate.parse(day);
        Instant at = Instant.parse(due);
        String name = time + " " + zone + " on " + day + " (gap)";
        add(out, name + ", subscribed a week before", slot, date, at.minus(Duration.ofDays(7)), null, null, at);
        add(out, name + ", subscribed the day before", slot, date, at.minus(Duration.ofDays(1)), null, null, at);
        add(out, name + ", subscribed a minute before", slot, date, at.minusSeconds(60), null, null, at);
        add(
                out,
                name + ", restarted a minute before",
                slot,
                date,
                at.minus(Duration.ofDays(7)),
                at.minusSeconds(600),
                at.minusSeconds(60),
                at);
    }

    private static void overlap(
            List<Arguments> out, String zone, String time, String day, String first, String second) {
        Slot slot = new Slot(LocalTime.parse(time), ZoneId.of(zone));
        LocalDate date = LocalDate.parse(day);
        Instant one = Instant.parse(first);
        Instant two = Instant.parse(second);
        Duration quarter = Duration.between(one, two).dividedBy(4);
        String name = time + " " + zone + " on " + day + " (twice)";
        Instant weekBefore = one.minus(Duration.ofDays(7));
        add(out, name + ", subscribed a week before", slot, date, weekBefore, null, null, one);
        add(out, name + ", subscribed the day before", slot, date, one.minus(Duration.ofDays(1)), null, null, one);
        add(out, name + ", subscribed a minute before", slot, date, one.minusSeconds(60), null, null, one);
        add(out, name + ", subscribed between, new slot", slot, date, one.plus(quarter), null, null, two);
        out.add(story(
                name + ", subscribed between, slot scheduled a week before",
                new Story(slot, date, weekBefore, one.plus(quarter), null, null, two)));
        add(
                out,
                name + ", restarted between after posting",
                slot,
                date,
                weekBefore,
                one.plusSeconds(60),
                one.plus(quarter),
                one);
        Instant up = one.plus(quarter);
        add(out, name + ", down at the first, up between", slot, date, weekBefore, one.minusSeconds(600), up, up);
        add(
                out,
                name + ", subscribed between, restarted before the second",
                slot,
                date,
                one.plus(quarter),
                one.plus(quarter.multipliedBy(2)),
                one.plus(quarter.multipliedBy(3)),
                two);
    }

    private static void add(
            List<Arguments> out,
            String name,
            Slot slot,
            LocalDate day,
            Instant subscribedAt,
            Instant downFrom,
            Instant upAgain,
            Instant expected) {
        out.add(story(name, new Story(slot, day, subscribedAt, subscribedAt, downFrom, upAgain, expected)));
    }

    private static Arguments story(String name, Story story) {
        return Arguments.of(Named.of(name, story));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void theDayIsPostedOnceWhenItsTimeComes(Story story) throws Exception {
        Map<LocalDate, Instant> posted = run(story);

        assertThat(posted)
                .as("when the post of %s was queued", story.day())
                .containsEntry(story.day(), story.expectedPost());
        LocalDate next = story.day().plusDays(1);
        assertThat(posted)
                .as("the next day keeps the slot's own time")
                .containsEntry(
                        next,
                        ZonedDateTime.of(next, story.slot().time(), story.slot().zone())
                                .toInstant());
    }

    /**
     * Plays the story from the first trigger to noon the day after, and returns, per local date, when its post was
     * queued (the unique key allows one per date; a second queuing would not show).
     */
    private static Map<LocalDate, Instant> run(Story story) throws Exception {
        Slot slot = story.slot();
        Instant end = ZonedDateTime.of(story.day().plusDays(1), LocalTime.NOON, slot.zone())
                .toInstant();
        try (TestDb db = TestDb.h2()) {
            JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
            MutableClock clock = new MutableClock(story.triggerSince());
            PostQueue queue = new PostQueue(new JdbcDeliveryStore(db.database()), subscriptions, clock, GRACE);
            // scheduled as the slot scheduler does when the slot is first used
            OperableTrigger trigger = (OperableTrigger) SlotTriggers.trigger(slot, story.triggerSince());
            trigger.computeFirstFireTime(null);
            boolean subscribed = false;
            Instant nextCatchUp = story.triggerSince().plusSeconds(137);
            Map<LocalDate, Instant> posted = new TreeMap<>();
            while (true) {
                Instant fire = trigger.getNextFireTime().toInstant();
                Instant now = min(min(fire, nextCatchUp), subscribed ? Instant.MAX : story.subscribedAt());
                if (story.downFrom() != null && !now.isBefore(story.downFrom()) && now.isBefore(story.upAgain())) {
                    now = story.upAgain();
                    clock.set(now);
                    restart(trigger, queue, now);
                    nextCatchUp = now.plus(CATCH_UP_EVERY);
                } else if (now.isAfter(end)) {
                    break;
                } else {
                    clock.set(now);
                    if (!subscribed && now.equals(story.subscribedAt())) {
                        subscriptions.save(CHAT, slot, Mode.DAILY, "en", now);
                        subscribed = true;
                    } else if (now.equals(fire)) {
                        Date scheduled = trigger.getNextFireTime();
                        trigger.triggered(null);
                        queue.slotDue(slot, scheduled.toInstant());
                    } else {
                        queue.catchUp();
                        nextCatchUp = now.plus(CATCH_UP_EVERY);
                    }
                }
                for (LocalDate date : queuedDates(db)) posted.putIfAbsent(date, now);
            }
            return posted;
        }
    }

    /** A new process: Quartz fires a trigger missed by more than its threshold once at once, the engine catches up. */
    private static void restart(OperableTrigger trigger, PostQueue queue, Instant now) {
        if (trigger.getNextFireTime().toInstant().isBefore(now.minus(MISFIRE_THRESHOLD))) {
            assertThat(trigger.getMisfireInstruction()).isEqualTo(SlotTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
            trigger.setNextFireTime(Date.from(now));
        }
        queue.catchUp();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static List<LocalDate> queuedDates(TestDb db) throws Exception {
        List<LocalDate> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT local_date FROM delivery ORDER BY local_date");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getObject(1, LocalDate.class));
        }
        return out;
    }
}
