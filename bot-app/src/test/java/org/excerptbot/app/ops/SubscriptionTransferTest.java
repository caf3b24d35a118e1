package org.excerptbot.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.script.ChatPreferenceStore;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptChoice;
import org.excerptbot.core.store.JdbcChatPreferenceStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.Days;
import org.excerptbot.core.subscription.Format;
import org.excerptbot.core.subscription.Mode;
import org.excerptbot.core.subscription.Schedule;
import org.excerptbot.core.subscription.Slot;
import org.excerptbot.core.subscription.Subscription;
import org.excerptbot.core.subscription.SubscriptionStatus;
import org.excerptbot.core.subscription.SubscriptionStore;
import org.junit.jupiter.api.Test;

/** Export and import on H2 and, when it answers, PostgreSQL (the move from the embedded database). */
class SubscriptionTransferTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final ChatRef GROUP = new ChatRef(Platform.TELEGRAM, "-1001234567890", ChatType.GROUP);
    private static final ChatRef USER = new ChatRef(Platform.TELEGRAM, "4242", ChatType.PRIVATE);
    private static final ChatRef CHANNEL = new ChatRef(Platform.DISCORD, "1098765432109876543", ChatType.CHANNEL);
    /** A topic of a Telegram forum, subscribed by a reader in Taiwan. */
    private static final ChatRef TOPIC =
            new ChatRef(Platform.TELEGRAM, "-1005550001", ChatType.GROUP, Optional.of("42"));
    /** A reader who chose a script in their private chat and subscribes nothing. */
    private static final ChatRef READER = new ChatRef(Platform.TELEGRAM, "777", ChatType.PRIVATE);

    @Test
    void exportThenImportIntoAFreshH2DatabaseKeepsEverySubscriptionAndASecondImportChangesNothing() {
        roundTrip(TestDb::h2, TestDb::h2);
    }

    @Test
    void theSameMoveFromH2ToPostgresql() {
        roundTrip(TestDb::h2, TestDb::postgres);
    }

    private void roundTrip(Supplier<TestDb> source, Supplier<TestDb> target) {
        String json;
        List<Subscription> before;
        List<ScriptChoice> scriptsBefore;
        try (TestDb from = source.get()) {
            SubscriptionStore store = new JdbcSubscriptionStore(from.dataSource());
            ChatPreferenceStore preferences = new JdbcChatPreferenceStore(from.dataSource());
            store.save(TOPIC, new Slot(LocalTime.of(7, 0), ZoneId.of("Asia/Taipei")), Mode.DAILY, "zh-TW", T0);
            preferences.setScript(GROUP, Script.TRADITIONAL, T0);
            preferences.setScript(READER, Script.SIMPLIFIED, T0);
            store.save(GROUP, new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai")), Mode.DAILY, "zh", T0);
            store.save(
                    GROUP,
                    new Schedule(
                            new Slot(LocalTime.of(21, 0), ZoneId.of("Asia/Shanghai")),
                            Mode.SEQUENTIAL,
                            Days.parse("mon,wed,fri").orElseThrow(),
                            Format.CARD),
                    "zh",
                    T0);
            store.restore(
                    USER,
                    Schedule.everyDay(new Slot(LocalTime.of(2, 30), ZoneId.of("America/New_York")), Mode.SEQUENTIAL),
                    "en",
                    41,
                    SubscriptionStatus.ACTIVE,
                    T0);
            store.save(CHANNEL, new Slot(LocalTime.of(21, 15), ZoneId.of("Europe/London")), Mode.DAILY, "en", T0);
            store.disable(CHANNEL, "Missing Access", T0);
            before = store.all();
            scriptsBefore = preferences.all();
            json = SubscriptionTransfer.export(store, preferences, T0);
        }
        assertThat(json)
                .contains("\"format\" : \"excerpt-bot-subscriptions\"")
                .contains("\"chatId\" : \"-1001234567890\"")
                .contains("\"time\" : \"02:30\"")
                .contains("\"cursor\" : 41")
                .contains("\"status\" : \"forbidden\"")
                .contains("\"version\" : 3")
                .contains("\"thread\" : \"42\"")
                .contains("\"language\" : \"zh-TW\"")
                .contains("\"script\" : \"traditional\"")
                .contains("\"days\" : \"mon,wed,fri\"")
                .contains("\"postFormat\" : \"card\"")
                .contains("\"days\" : \"everyday\"");

        try (TestDb to = target.get()) {
            SubscriptionStore store = new JdbcSubscriptionStore(to.dataSource());

            ChatPreferenceStore preferences = new JdbcChatPreferenceStore(to.dataSource());
            List<ScriptChoice> scripts = ScriptChoiceTransfer.read(SubscriptionTransfer.Source.of(json));

            assertThat(SubscriptionTransfer.importJson(json, store, T0.plusSeconds(60)))
                    .isEqualTo(new SubscriptionTransfer.ImportResult(5, 0));
            assertThat(ScriptChoiceTransfer.restore(scripts, preferences, T0.plusSeconds(60)))
                    .isEqualTo(new ScriptChoiceTransfer.ImportResult(2, 0));
            assertThat(settings(store.all())).isEqualTo(settings(before));
            assertThat(store.forChat(TOPIC)).singleElement().satisfies(s -> assertThat(
                            s.chat().thread())
                    .as("the topic it posts into")
                    .contains("42"));
            assertThat(preferences.all()).containsExactlyInAnyOrderElementsOf(scriptsBefore);
            assertThat(preferences.script(READER)).contains(Script.SIMPLIFIED);
            assertThat(store.countActive()).isEqualTo(4);

            assertThat(SubscriptionTransfer.importJson(json, store, T0.plusSeconds(120)))
                    .isEqualTo(new SubscriptionTransfer.ImportResult(0, 5));
            assertThat(ScriptChoiceTransfer.restore(scripts, preferences, T0.plusSeconds(120)))
                    .isEqualTo(new ScriptChoiceTransfer.ImportResult(0, 2));
            assertThat(store.all()).hasSize(5);

            String edited = json.replace("\"days\" : \"mon,wed,fri\"", "\"days\" : \"weekends\"")
                    .replace("\"thread\" : \"42\",", "");
            assertThat(SubscriptionTransfer.importJson(edited, store, T0.plusSeconds(180)))
                    .as("the changed days, and the topic's schedule moved to its chat's main conversation")
                    .isEqualTo(new SubscriptionTransfer.ImportResult(2, 3));
            assertThat(store.forChat(GROUP).get(1).days()).isEqualTo(Days.WEEKENDS);
        }
    }

    /** Everything an export carries (ids and timestamps are the store's own). */
    private static List<String> settings(List<Subscription> all) {
        return all.stream()
                .map(s -> s.chat() + " " + s.schedule() + " " + s.language() + " " + s.cursor() + " " + s.status())
                .sorted()
                .toList();
    }

    @Test
    void aFileWithOneBadEntryIsRefusedWholeWithTheEntryAndFieldNamed() {
        String json =
                """
                {"format": "excerpt-bot-subscriptions", "version": 1, "subscriptions": [
                  {"platform": "telegram", "chatId": "1", "chatType": "private", "time": "08:00",
                   "zone": "Asia/Shanghai", "mode": "daily", "language": "zh", "cursor": 0, "status": "active"},
                  {"platform": "telegram", "chatId": "2", "chatType": "private", "time": "24:00",
                   "zone": "Asia/Shanghai", "mode": "daily", "language": "zh", "cursor": 0, "status": "active"}]}
                """;
        try (TestDb db = TestDb.h2()) {
            SubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());

            assertThatThrownBy(() -> SubscriptionTransfer.importJson(json, store, T0))
                    .isInstanceOf(SubscriptionTransfer.InvalidFileException.class)
                    .hasMessage("subscriptions[1].time: '24:00' is not HH:MM between 00:00 and 23:59");
            assertThat(store.all()).isEmpty();
        }
    }

    @Test
    void aMistakeNearTheEndOfALargeFileNamesItsEntryAndNothingIsWritten() {
        String json = entries(20_000, 17_500);
        try (TestDb db = TestDb.h2()) {
            SubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());

            assertThatThrownBy(() -> SubscriptionTransfer.importJson(json, store, T0))
                    .hasMessage("subscriptions[17500].zone: 'Mars/Olympus' is not an IANA time zone such as"
                            + " Asia/Shanghai");
            assertThat(store.all()).isEmpty();
        }
    }

    @Test
    void aFileChangedBetweenTheCheckAndTheWriteStopsWhereTheChangeIs() {
        String good = entries(2_000, -1);
        String changed = entries(2_000, 1_500);
        int[] opened = {0};
        SubscriptionTransfer.Source source = () -> SubscriptionTransfer.Source.of(opened[0]++ == 0 ? good : changed)
                .open();
        try (TestDb db = TestDb.h2()) {
            SubscriptionStore store = new JdbcSubscriptionStore(db.dataSource());
            int checked = SubscriptionTransfer.check(source);

            assertThatThrownBy(() -> SubscriptionTransfer.write(source, checked, store, T0))
                    .hasMessage("changed while it was imported (subscriptions[1500].zone: 'Mars/Olympus' is not an"
                            + " IANA time zone such as Asia/Shanghai); the batches before subscriptions[1500] were"
                            + " imported");
            assertThat(store.all()).hasSize(1_000);
        }
    }

    /** A file of n Telegram private chats at 08:00; the entry at {@code badZoneAt} (if any) has a wrong zone. */
    private static String entries(int n, int badZoneAt) {
        StringBuilder json = new StringBuilder(
                "{\"format\": \"excerpt-bot-subscriptions\", \"version\": 2," + " \"subscriptions\": [");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",\n")
                    .append("{\"platform\": \"telegram\", \"chatId\": \"")
                    .append(6_000_000 + i)
                    .append("\", \"chatType\": \"private\", \"time\": \"08:00\", \"zone\": \"")
                    .append(i == badZoneAt ? "Mars/Olympus" : "Asia/Shanghai")
                    .append("\", \"mode\": \"daily\", \"language\": \"zh\", \"cursor\": 0, \"status\": \"active\"}");
        }
        return json.append("]}").toString();
    }

    @Test
    void aChatsSecondScheduleAtOneTimeIsRefusedAtItsEntry() {
        String json =
                """
                {"format": "excerpt-bot-subscriptions", "version": 1, "subscriptions": [
                  {"platform": "telegram", "chatId": "1", "chatType": "private", "time": "08:00",
                   "zone": "Asia/Shanghai", "mode": "daily", "language": "zh", "cursor": 0, "status": "active"},
                  {"platform": "discord", "chatId": "1", "chatType": "channel", "time": "08:00",
                   "zone": "Asia/Shanghai", "mode": "daily", "language": "zh", "cursor": 0, "status": "active"},
                  {"platform": "telegram", "chatId": "1", "chatType": "private", "time": "09:00",
                   "zone": "Asia/Shanghai", "mode": "daily", "language": "zh", "cursor": 0, "status": "active"},
                  {"platform": "telegram", "chatId": "1", "chatType": "private", "time": "08:00",
                   "zone": "Europe/London", "mode": "daily", "language": "en", "cursor": 0, "status": "active"}]}
                """;
        assertThatThrownBy(() -> SubscriptionTransfer.parse(json))
                .hasMessage("subscriptions[3]: chat 1 on telegram has two schedules at 08:00");
        assertThat(SubscriptionTransfer.parse(
                        json.replace("\"08:00\",\n   \"zone\": \"Europe", "\"10:00\",\n   \"zone\": \"Europe")))
                .hasSize(4);
    }

    @Test
    void theFileIsJudgedWholeBeforeItsEntries() {
        String badEntry = entry("\"zone\": \"Mars/Olympus\"");
        assertThatThrownBy(() -> SubscriptionTransfer.parse(badEntry.replace("]}", "] oops")))
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> SubscriptionTransfer.parse(badEntry.replace("\"version\": 1", "\"version\": 4")))
                .hasMessage("version 4 is not supported; this bot reads 1 to 3");
        assertThatThrownBy(() ->
                        SubscriptionTransfer.parse(badEntry.replace("{\"format\": \"excerpt-bot-subscriptions\",", "{")
                                .replace("]}", "], \"format\": \"x\"}")))
                .hasMessage("not a subscriptions export: \"format\" must be \"excerpt-bot-subscriptions\"");
        assertThatThrownBy(
                        () -> SubscriptionTransfer.parse("{\"format\": \"excerpt-bot-subscriptions\", \"version\": 2}"))
                .hasMessage("\"subscriptions\" must be an array");
        assertThatThrownBy(() -> SubscriptionTransfer.parse("[]"))
                .hasMessage("not a subscriptions export: \"format\" must be \"excerpt-bot-subscriptions\"");
    }

    @Test
    void theHeaderMayFollowTheEntries() {
        String json =
                """
                {"subscriptions": [
                  {"platform": "telegram", "chatId": "1", "chatType": "private", "time": "08:00", "days": "weekends",
                   "zone": "Asia/Shanghai", "mode": "daily", "language": "zh", "cursor": 3, "status": "active"}],
                 "exportedAt": {"ignored": [1, 2]}, "version": 2, "format": "excerpt-bot-subscriptions"}
                """;
        assertThat(SubscriptionTransfer.parse(json)).singleElement().satisfies(e -> {
            assertThat(e.schedule().days()).isEqualTo(Days.WEEKENDS);
            assertThat(e.cursor()).isEqualTo(3);
            assertThat(e.chat().thread()).as("a version 2 file has no topics").isEmpty();
        });
        assertThat(ScriptChoiceTransfer.read(SubscriptionTransfer.Source.of(json)))
                .as("nor chats' scripts")
                .isEmpty();
    }

    @Test
    void aChatsScriptMistakeIsNamed() {
        String json =
                """
                {"format": "excerpt-bot-subscriptions", "version": 3, "subscriptions": [],
                 "chats": [{"platform": "telegram", "chatId": "1", "script": "traditional"}, %s]}
                """;
        assertThat(ScriptChoiceTransfer.read(SubscriptionTransfer.Source.of(
                        json.formatted("{\"platform\": \"discord\", \"chatId\": \"1\", \"script\": \"simplified\"}"))))
                .containsExactly(
                        new ScriptChoice(Platform.TELEGRAM, "1", Script.TRADITIONAL),
                        new ScriptChoice(Platform.DISCORD, "1", Script.SIMPLIFIED));
        assertThatThrownBy(() -> ScriptChoiceTransfer.read(SubscriptionTransfer.Source.of(
                        json.formatted("{\"platform\": \"discord\", \"chatId\": \"2\", \"script\": \"cursive\"}"))))
                .hasMessage("chats[1].script: 'cursive' must be simplified or traditional");
        assertThatThrownBy(() -> ScriptChoiceTransfer.read(SubscriptionTransfer.Source.of(
                        json.formatted("{\"platform\": \"telegram\", \"chatId\": \"1\", \"script\": \"simplified\"}"))))
                .hasMessage("chats[1]: chat 1 on telegram is listed twice");
        assertThatThrownBy(() -> SubscriptionTransfer.parse(entry("\"chatId\": \"1\", \"thread\": \"\"")))
                .hasMessageContaining(".thread: must be 1-64 characters");
    }

    @Test
    void aVersionOneFileReadsAsEveryDayTextSchedules() {
        String json =
                """
                {"format": "excerpt-bot-subscriptions", "version": 1, "subscriptions": [
                  {"platform": "telegram", "chatId": "1", "chatType": "private", "time": "08:00",
                   "zone": "Asia/Shanghai", "mode": "daily", "language": "zh", "cursor": 3, "status": "active"}]}
                """;
        assertThat(SubscriptionTransfer.parse(json)).singleElement().satisfies(e -> assertThat(e.schedule())
                .isEqualTo(Schedule.everyDay(new Slot(LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai")), Mode.DAILY)));
    }

    @Test
    void eachKindOfMistakeIsNamed() {
        assertThatThrownBy(() -> SubscriptionTransfer.parse(entry("\"days\": \"mon,funday\"")))
                .hasMessage("subscriptions[0].days: 'mon,funday' must be everyday, weekdays, weekends or days such as"
                        + " mon,wed,fri");
        assertThatThrownBy(() -> SubscriptionTransfer.parse(entry("\"postFormat\": \"video\"")))
                .hasMessage("subscriptions[0].postFormat: 'video' must be text or card");
        assertThatThrownBy(() -> SubscriptionTransfer.parse("{\"format\": \"other\"}"))
                .hasMessage("not a subscriptions export: \"format\" must be \"excerpt-bot-subscriptions\"");
        assertThatThrownBy(() -> SubscriptionTransfer.parse(entry("\"zone\": \"Mars/Olympus\"")))
                .hasMessage("subscriptions[0].zone: 'Mars/Olympus' is not an IANA time zone such as Asia/Shanghai");
        assertThatThrownBy(() -> SubscriptionTransfer.parse(entry("\"mode\": \"weekly\"")))
                .hasMessage("subscriptions[0].mode: 'weekly' must be daily or sequential");
        assertThatThrownBy(() -> SubscriptionTransfer.parse(entry("\"platform\": \"irc\"")))
                .hasMessage("subscriptions[0].platform: 'irc' must be one of telegram, discord, console");
        assertThatThrownBy(() -> SubscriptionTransfer.parse(entry("\"cursor\": -1")))
                .hasMessage("subscriptions[0].cursor: must be a whole number, 0 or more");
        assertThatThrownBy(() -> SubscriptionTransfer.parse("{not json")).hasMessageStartingWith("not valid JSON");
    }

    /** One otherwise valid entry with one field replaced. */
    private static String entry(String override) {
        String field = override.substring(1, override.indexOf('"', 1));
        String base = "\"platform\": \"telegram\", \"chatId\": \"1\", \"chatType\": \"private\", \"time\": \"08:00\","
                + " \"zone\": \"Asia/Shanghai\", \"mode\": \"daily\", \"language\": \"zh\", \"cursor\": 0,"
                + " \"status\": \"active\", \"days\": \"everyday\", \"postFormat\": \"text\"";
        String replaced = base.replaceAll("\"" + field + "\": (\"[^\"]*\"|-?\\d+)", override);
        return "{\"format\": \"excerpt-bot-subscriptions\", \"version\": 1, \"subscriptions\": [{" + replaced + "}]}";
    }
}
