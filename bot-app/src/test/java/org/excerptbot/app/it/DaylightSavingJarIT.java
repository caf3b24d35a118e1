package org.excerptbot.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daylight saving in the packaged jar, against the fake Bot API, on the clock of the machine: the jar's own
 * Main-Class runs from the same excerpt-bot.jar, as {@code java -cp excerpt-bot.jar:ZONES MAIN}, where ZONES holds
 * {@link NearTransitionZones}, a {@code java.time} zone rules provider whose two zones change their offset by
 * 2 minutes shortly after the test starts. Chats subscribe with real {@code /subscribe HH:MM Test/...} messages.
 *
 * <ul>
 *   <li>A time in the spring-forward gap (its first minute, which does not exist that day) is posted once, at the
 *       change.
 *   <li>A time in the fall-back overlap is posted once, at its first occurrence; the jar is stopped with SIGTERM and
 *       started again on the same data directory between the two occurrences, and the second occurrence brings that
 *       chat no post, while a chat that subscribed between the two gets its post then.
 * </ul>
 *
 * Takes 3 to 4 minutes: the changes fall on whole minutes, at least {@link #START_LEAD} after the start, and the
 * second occurrence comes 2 minutes after the first.
 */
class DaylightSavingJarIT {
    private static final String TOKEN = "8000000003:DST-it_TOKEN-0123456789abcdef";
    /** Time for the jar to start and take the subscriptions before the first change. */
    private static final Duration START_LEAD = Duration.ofSeconds(40);
    /** How late a post may reach the fake after it falls due: the scheduler's and the sender's reaction time. */
    private static final Duration LATE = Duration.ofSeconds(20);

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @TempDir
    Path dir;

    /** Test JVM nanoTime and wall clock at one moment, to turn the fake's receive times into instants. */
    private final long baseNanos = System.nanoTime();

    private final Instant baseInstant = Instant.now();

    @Test
    void gapTimeIsPostedOnceAtTheChangeAndRepeatedTimeOnceAtItsFirstOccurrenceAcrossARestart() throws Exception {
        // both changes at one instant: the gap's first minute and the overlap's first occurrence fall due together
        Instant change =
                Instant.now().plus(START_LEAD).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        // the fall-back instant: the repeated time's second occurrence
        Instant secondOccurrence = change.plus(Duration.ofMinutes(2));
        LocalTime gapStart =
                LocalDateTime.ofInstant(change, NearTransitionZones.STANDARD).toLocalTime();
        LocalTime repeated =
                LocalDateTime.ofInstant(change, NearTransitionZones.SUMMER).toLocalTime();
        assertThat(LocalDateTime.ofInstant(secondOccurrence, NearTransitionZones.STANDARD)
                        .toLocalTime())
                .isEqualTo(repeated);
        List<String> zones = List.of(
                "-D" + NearTransitionZones.SPRING_FORWARD + "=" + change,
                "-D" + NearTransitionZones.FALL_BACK + "=" + secondOccurrence);
        Path zonesDir = zoneProviderDirectory();

        try (FakeBotApi api = FakeBotApi.start(TOKEN)) {
            User spring = api.user(5101, "Spring", "en");
            User autumn = api.user(5102, "Autumn", "en");
            User between = api.user(5103, "Between", "en");

            Bot first = Bot.start(zonesDir, zones, api, dir);
            String firstLogs;
            try {
                first.awaitStarted();
                subscribe(api, spring, gapStart, NearTransitionZones.SPRING_ZONE, first);
                subscribe(api, autumn, repeated, NearTransitionZones.FALL_ZONE, first);
                assertThat(Instant.now())
                        .as("the subscriptions must be made before the change at %s; the machine is too slow", change)
                        .isBefore(change);

                awaitPosts(api, spring, 1, change, first);
                awaitPosts(api, autumn, 1, change, first);
                assertPostedAt(api, spring, change);
                assertPostedAt(api, autumn, change);
            } finally {
                firstLogs = first.stop();
            }
            assertThat(firstLogs).contains("stopping gracefully").doesNotContain(TOKEN);

            Bot second = Bot.start(zonesDir, zones, api, dir);
            try {
                second.awaitStarted();
                subscribe(api, between, repeated, NearTransitionZones.FALL_ZONE, second);
                assertThat(Instant.now())
                        .as("the restart must be over before the second occurrence at %s", secondOccurrence)
                        .isBefore(secondOccurrence);

                // the second occurrence fires once for the slot: the chat that subscribed between them gets its
                // post; the same firing queues none for the chat already posted on that local date
                awaitPosts(api, between, 1, secondOccurrence, second);
                assertPostedAt(api, between, secondOccurrence);
                second.check(() -> assertThat(second.text())
                        .contains("slot " + repeated.format(HH_MM) + " " + NearTransitionZones.FALL_ZONE + " due at "
                                + secondOccurrence + ": 1 posts queued"));
                second.check(() -> await().during(Duration.ofSeconds(5))
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> postTimes(api, autumn).size() == 1
                                && postTimes(api, spring).size() == 1));
                System.out.printf(
                        "daylight saving: posts reached the Bot API %s, %s and %s after they fell due%n",
                        Duration.between(change, postTimes(api, spring).get(0)),
                        Duration.between(change, postTimes(api, autumn).get(0)),
                        Duration.between(
                                secondOccurrence, postTimes(api, between).get(0)));
            } finally {
                second.stop();
            }
        }
    }

    /** Sends {@code /subscribe HH:MM zone} and waits for the confirmation. */
    private static void subscribe(FakeBotApi api, User user, LocalTime time, String zone, Bot bot) {
        api.send(user, "/subscribe " + time.format(HH_MM) + " " + zone);
        bot.check(() -> await().atMost(Duration.ofSeconds(30))
                .failFast("the bot exited", () -> !bot.process().isAlive())
                .until(() -> !api.messages(user.id()).isEmpty()));
        bot.check(() -> assertThat(api.last(user.id()).text())
                .contains("Subscribed")
                .contains(time.format(HH_MM))
                .contains(zone));
    }

    private void awaitPosts(FakeBotApi api, User user, int count, Instant due, Bot bot) {
        Duration wait = Duration.between(Instant.now(), due).plus(LATE).plusSeconds(10);
        bot.check(() -> await().atMost(wait)
                .failFast("the bot exited", () -> !bot.process().isAlive())
                .until(() -> postTimes(api, user).size() >= count));
    }

    /** The chat got exactly one post, within seconds after {@code due}, titled with that local date. */
    private void assertPostedAt(FakeBotApi api, User user, Instant due) {
        List<Instant> posts = postTimes(api, user);
        assertThat(posts).as("posts to %s", user.firstName()).hasSize(1);
        assertThat(posts.get(0))
                .as("when %s's post reached the Bot API (due at %s)", user.firstName(), due)
                .isBetween(due.minusSeconds(1), due.plus(LATE));
    }

    /** When the fake accepted each daily post to the chat (the "Excerpt of the day" messages). */
    private List<Instant> postTimes(FakeBotApi api, User user) {
        return api.calls("sendMessage").stream()
                .filter(c -> c.status() == 200 && c.chatId() == user.id())
                .filter(c -> c.params().path("text").asText().contains("Excerpt of the day · "))
                .map(c -> baseInstant.plusNanos(c.receivedNanos() - baseNanos))
                .toList();
    }

    /** A class path directory with the provider's class file and its ServiceLoader registration. */
    private Path zoneProviderDirectory() throws IOException {
        Path root = dir.resolve("zones");
        String classFile = NearTransitionZones.class.getName().replace('.', '/') + ".class";
        Path target = root.resolve(classFile);
        Files.createDirectories(target.getParent());
        try (InputStream in = NearTransitionZones.class.getResourceAsStream("/" + classFile)) {
            Files.copy(in, target);
        }
        Path services = root.resolve("META-INF/services/java.time.zone.ZoneRulesProvider");
        Files.createDirectories(services.getParent());
        Files.writeString(services, NearTransitionZones.class.getName() + "\n");
        return root;
    }

    /** One run of the jar in Telegram long-polling mode on the data directory {@code dir/data}. */
    private record Bot(Process process, JarRunner.Output out, JarRunner.Output err) {
        static Bot start(Path zones, List<String> jvmOptions, FakeBotApi api, Path dir) throws IOException {
            Map<String, String> env = Map.of(
                    "TELEGRAM_BOT_TOKEN",
                    TOKEN,
                    "TELEGRAM_API_URL",
                    api.url(),
                    "EXCERPT_BOT_DATA_DIR",
                    dir.resolve("data").toString());
            Process p = JarRunner.startWith(zones, jvmOptions, List.of(), env, dir);
            return new Bot(p, new JarRunner.Output(p.getInputStream()), new JarRunner.Output(p.getErrorStream()));
        }

        void awaitStarted() {
            check(() -> await().atMost(Duration.ofSeconds(60))
                    .failFast("the bot exited", () -> !process.isAlive())
                    .until(() -> text().contains("slot scheduler started")));
        }

        /** Runs the assertions; a failure carries what the jar logged. */
        void check(Runnable assertions) {
            try {
                assertions.run();
            } catch (Throwable e) {
                throw new AssertionError("the bot said:\n" + text(), e);
            }
        }

        /** Stops the jar with SIGTERM, as systemd or docker stop would, and returns what it logged. */
        String stop() throws InterruptedException {
            // Process.destroy() would also close the pipes, and the jar's last log lines with them
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the bot did not stop within 30 s of SIGTERM:\n" + text());
            }
            out.awaitEnd();
            err.awaitEnd();
            return text();
        }

        String text() {
            return out.text() + err.text();
        }
    }
}
