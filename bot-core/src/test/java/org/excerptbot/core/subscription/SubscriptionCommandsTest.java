package org.excerptbot.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscription commands as users meet them: through the dispatcher, with its admin rule. */
class SubscriptionCommandsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-03-02 07:00 in Shanghai. */
    private static final Instant NOW = Instant.parse("2026-03-01T23:00:00Z");

    private static final ChatRef PRIVATE = new ChatRef(Platform.TELEGRAM, "42", ChatType.PRIVATE);
    private static final ChatRef GROUP = new ChatRef(Platform.TELEGRAM, "-100", ChatType.GROUP);

    private TestDb db;
    private JdbcSubscriptionStore store;
    private CommandDispatcher dispatcher;
    private final List<Slot> slotsInUse = new ArrayList<>();
    private final MutableClock clock = new MutableClock(NOW);
    private final Map<Long, Delivery> lastPosts = new HashMap<>();

    @BeforeEach
    void setUp() {
        db = TestDb.h2();
        store = new JdbcSubscriptionStore(db.dataSource());
        SubscriptionService service = new SubscriptionService(store, SHANGHAI, clock, slotsInUse::add);
        CommandRegistry registry = CommandRegistry.of(
                new SubscriptionCommands(service, () -> 120, id -> Optional.ofNullable(lastPosts.get(id))).specs(),
                Messages.load());
        dispatcher = new CommandDispatcher(
                registry, Messages.load(), new FloodControl(1000, clock), CommandDispatcher.OwnerCheck.NOBODY);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private String say(ChatRef chat, Locale locale, AdminCheck admin, String command, String args) {
        return reply(chat, locale, admin, command, args).plainText();
    }

    private Reply reply(ChatRef chat, Locale locale, AdminCheck admin, String command, String args) {
        Request request = new Request(chat, new UserRef("7", "Ann"), locale, new Input.Command(command, args), admin);
        return dispatcher.dispatch(request).orElseThrow();
    }

    private String zh(ChatRef chat, String command, String args) {
        return say(chat, Locale.SIMPLIFIED_CHINESE, AdminCheck.ALWAYS, command, args);
    }

    private String en(ChatRef chat, String command, String args) {
        return say(chat, Locale.ENGLISH, AdminCheck.ALWAYS, command, args);
    }

    @Test
    void subscribeWithoutArgumentsTakesTheDefaultsAndShowsTheNextPost() {
        String text = en(PRIVATE, "subscribe", "");

        assertThat(text)
                .contains("Subscribed to the daily excerpt.")
                .contains("every day at 08:00 (Asia/Shanghai)")
                .contains("Mode: daily")
                .contains("Next post: 2026-03-02 08:00");
        Subscription s = store.find(PRIVATE).orElseThrow();
        assertThat(s.slot()).isEqualTo(new Slot(LocalTime.of(8, 0), SHANGHAI));
        assertThat(s.mode()).isEqualTo(Mode.DAILY);
        assertThat(s.language()).isEqualTo("en");
        assertThat(slotsInUse).containsExactly(s.slot());
    }

    @Test
    void subscribingAgainChangesOnlyWhatIsGiven() {
        en(PRIVATE, "subscribe", "06:30 Europe/London");
        String text = en(PRIVATE, "subscribe", "sequential");

        assertThat(text).contains("Subscription updated.").contains("every day at 06:30 (Europe/London)");
        assertThat(text).contains("Mode: sequential").contains("Reading progress: excerpt 1 of 120");
        // 23:00 UTC on 1 March is 23:00 in London: the next 06:30 there is on 2 March
        assertThat(text).contains("Next post: 2026-03-02 06:30");
        assertThat(store.countActive()).isEqualTo(1);
    }

    @Test
    void sequentialProgressCountsTheExcerptsBeingReadNotParagraphs() {
        String text = say(PRIVATE, Locale.SIMPLIFIED_CHINESE, AdminCheck.ALWAYS, "subscribe", "sequential");
        assertThat(text).contains("通读进度：第 1 条摘录，共 120 条").doesNotContain("段");
    }

    @Test
    void badTimesAndZonesGetAClearErrorShowingTheAcceptedForms() {
        for (String bad : List.of("24:00", "8:60", "25:30")) {
            assertThat(en(PRIVATE, "subscribe", bad))
                    .contains("\"" + bad + "\" is not a valid time")
                    .contains("HH:MM")
                    .contains("Usage: /subscribe [HH:MM] [Area/City] [daily|sequential]");
        }
        assertThat(en(PRIVATE, "subscribe", "08:00 Mars/Olympus"))
                .contains("\"Mars/Olympus\" is not a known time zone")
                .contains("Asia/Shanghai");
        assertThat(say(PRIVATE, Locale.CHINESE, AdminCheck.ALWAYS, "subscribe", "25:30"))
                .contains("“25:30”不是有效的时间")
                .contains("用法：/subscribe");
        assertThat(store.find(PRIVATE)).isEmpty();
        assertThat(slotsInUse).isEmpty();
    }

    @Test
    void inAGroupOnlyAdministratorsMaySubscribeOrUnsubscribe() {
        assertThat(say(GROUP, Locale.ENGLISH, AdminCheck.NEVER, "subscribe", "09:00"))
                .isEqualTo("Only the administrators of this chat can use /subscribe.");
        assertThat(store.find(GROUP)).isEmpty();

        assertThat(say(GROUP, Locale.ENGLISH, AdminCheck.ALWAYS, "subscribe", "09:00"))
                .contains("Subscribed");
        assertThat(say(GROUP, Locale.ENGLISH, AdminCheck.NEVER, "unsubscribe", ""))
                .isEqualTo("Only the administrators of this chat can use /unsubscribe.");
        assertThat(store.find(GROUP).orElseThrow().active()).isTrue();
        // anyone may look
        assertThat(say(GROUP, Locale.ENGLISH, AdminCheck.NEVER, "settings", "")).contains("09:00");
    }

    @Test
    void inAPrivateChatItsUserIsTheAdministrator() {
        assertThat(say(PRIVATE, Locale.ENGLISH, AdminCheck.NEVER, "subscribe", ""))
                .contains("Subscribed");
    }

    @Test
    void unsubscribeAndSettingsTellWhereTheChatStands() {
        assertThat(en(PRIVATE, "settings", ""))
                .isEqualTo("This chat has no subscription yet. Send /subscribe for a daily excerpt"
                        + " (default 08:00 every day, Asia/Shanghai).");
        assertThat(en(PRIVATE, "unsubscribe", "")).isEqualTo("This chat has no subscription to stop.");

        en(PRIVATE, "subscribe", "21:15 America/New_York daily");
        assertThat(en(PRIVATE, "settings", ""))
                .contains("every day at 21:15 (America/New_York)")
                .contains("Next post: 2026-03-01 21:15");

        assertThat(en(PRIVATE, "unsubscribe", "")).startsWith("All of this chat's daily posts are stopped.");
        assertThat(en(PRIVATE, "settings", "")).startsWith("This chat has no subscription yet.");
        assertThat(say(PRIVATE, Locale.CHINESE, AdminCheck.ALWAYS, "settings", ""))
                .startsWith("本聊天还没有订阅");
    }

    @Test
    void theNextPostIsShownInTheSubscribersLocalTimeAcrossADaylightSavingChange() {
        // 2026-03-08 is the spring-forward day in New York: 02:30 does not exist and is due at 03:30
        clock.set(Instant.parse("2026-03-08T05:00:00Z"));
        assertThat(en(PRIVATE, "subscribe", "02:30 America/New_York")).contains("Next post: 2026-03-08 03:30");
        clock.set(Instant.parse("2026-03-08T08:00:00Z"));
        assertThat(en(PRIVATE, "settings", "")).contains("Next post: 2026-03-09 02:30");
    }

    @Test
    void aChatSubscribingBetweenTheTwoOccurrencesOfARepeatedTimeIsToldOfTheSecond() {
        // 2026-10-25 in Berlin: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET)
        clock.set(Instant.parse("2026-10-24T12:00:00Z"));
        en(GROUP, "subscribe", "02:30 Europe/Berlin");
        clock.set(Instant.parse("2026-10-25T01:00:00Z"));

        assertThat(en(PRIVATE, "subscribe", "02:30 Europe/Berlin")).contains("Next post: 2026-10-25 02:30");
        assertThat(en(PRIVATE, "settings", "")).contains("Next post: 2026-10-25 02:30");
        assertThat(en(GROUP, "settings", ""))
                .as("posted at the first occurrence already")
                .contains("Next post: 2026-10-26 02:30");
        clock.set(Instant.parse("2026-10-25T01:31:00Z"));
        assertThat(en(PRIVATE, "settings", "")).contains("Next post: 2026-10-26 02:30");
    }

    @Test
    void aChatMayHaveSeveralSchedulesEachWithItsOwnTimeDaysModeAndFormat() {
        // 2026-03-02 07:00 in Shanghai is a Monday
        assertThat(zh(GROUP, "subscribe", "07:30 Asia/Shanghai card weekdays"))
                .contains("已订阅每日摘录。")
                .contains("推送时间：工作日 07:30（Asia/Shanghai）")
                .contains("形式：card（摘录卡片）")
                .contains("下一次推送：2026-03-02 07:30");
        assertThat(zh(GROUP, "subscribe", "21:00 sequential sat,sun")).contains("下一次推送：2026-03-07 21:00");

        Reply settings = reply(GROUP, Locale.SIMPLIFIED_CHINESE, AdminCheck.NEVER, "settings", "");
        assertThat(settings.plainText())
                .contains("本聊天的推送（2 个，最多 5 个）")
                .contains("推送时间：工作日 07:30（Asia/Shanghai）")
                .contains("推送时间：周末 21:00（Asia/Shanghai）")
                .contains("通读进度：第 1 条摘录，共 120 条");
        assertThat(settings.allActions())
                .extracting(Action::data)
                .containsExactly("unsubscribe 07:30", "unsubscribe 21:00");
        assertThat(store.forChat(GROUP))
                .extracting(s -> s.days().word(), s -> s.format(), s -> s.mode())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("weekdays", Format.CARD, Mode.DAILY),
                        org.assertj.core.groups.Tuple.tuple("weekends", Format.TEXT, Mode.SEQUENTIAL));

        // the same time again changes that schedule, keeping what is not given
        assertThat(en(GROUP, "subscribe", "07:30 text"))
                .contains("Subscription updated.")
                .contains("weekdays at 07:30");
        assertThat(store.forChat(GROUP)).hasSize(2);
        assertThat(store.forChat(GROUP).get(0).format()).isEqualTo(Format.TEXT);
        assertThat(store.forChat(GROUP).get(0).days()).isEqualTo(Days.WEEKDAYS);
    }

    @Test
    void withSeveralSchedulesATimelessSubscribeOrUnsubscribeAsksWhichOne() {
        en(GROUP, "subscribe", "07:30");
        en(GROUP, "subscribe", "21:00");

        assertThat(en(GROUP, "subscribe", "card")).startsWith("This chat has several daily posts (07:30, 21:00)");
        Reply which = reply(GROUP, Locale.ENGLISH, AdminCheck.ALWAYS, "unsubscribe", "");
        assertThat(which.plainText()).contains("send /unsubscribe all");
        assertThat(which.allActions()).extracting(Action::label).containsExactly("🗑 Stop 07:30", "🗑 Stop 21:00");
        assertThat(store.countActive()).isEqualTo(2);

        assertThat(en(GROUP, "unsubscribe", "07:30")).isEqualTo("The 07:30 post is stopped (1 left).");
        assertThat(en(GROUP, "unsubscribe", "07:30")).isEqualTo("This chat has no post at 07:30. Its posts: 21:00.");
        // with one schedule left, a bare /unsubscribe removes it
        assertThat(en(GROUP, "unsubscribe", "")).startsWith("All of this chat's daily posts are stopped.");
        assertThat(store.countActive()).isZero();

        en(GROUP, "subscribe", "07:30");
        en(GROUP, "subscribe", "08:30");
        assertThat(zh(GROUP, "unsubscribe", "all")).startsWith("已取消本聊天的全部每日推送。");
        assertThat(store.countActive()).isZero();
    }

    @Test
    void aChatHasAtMostFiveSchedules() {
        for (String time : List.of("06:00", "07:00", "08:00", "09:00", "10:00")) en(GROUP, "subscribe", time);

        assertThat(en(GROUP, "subscribe", "11:00"))
                .startsWith("This chat already has 5 daily posts (06:00, 07:00, 08:00, 09:00, 10:00)");
        assertThat(zh(GROUP, "subscribe", "11:00")).startsWith("本聊天已有 5 个推送");
        assertThat(store.countActive()).isEqualTo(5);
        // changing one of them is still allowed
        assertThat(en(GROUP, "subscribe", "10:00 card")).contains("Subscription updated.");
    }

    @Test
    void daysOfTheWeekAreCheckedByTheDispatcher() {
        assertThat(en(PRIVATE, "subscribe", "07:30 mon,mon"))
                .startsWith("\"mon,mon\" are not days of the week. Write everyday, weekdays, weekends, or days"
                        + " separated by commas such as mon,wed,fri (each day once).");
        assertThat(zh(PRIVATE, "subscribe", "07:30 saturn")).contains("“saturn”不是有效的星期");
        assertThat(en(PRIVATE, "subscribe", "07:30 weekdays weekends")).contains("repeats an argument");
        assertThat(store.forChat(PRIVATE)).isEmpty();
        assertThat(en(PRIVATE, "subscribe", "07:30 Monday,Wednesday,FRI")).contains("Mon, Wed, Fri at 07:30");
    }

    @Test
    void statusTellsTheLastPostInWordsAndTheNextOne() {
        en(GROUP, "subscribe", "07:30 weekdays");
        Subscription s = store.find(GROUP).orElseThrow();
        assertThat(en(GROUP, "status", ""))
                .contains("07:30 (Asia/Shanghai) · weekdays · daily (excerpt of the day) · text")
                .contains("Last post: none yet")
                .contains("Next post: 2026-03-02 07:30");

        lastPosts.put(s.id(), delivery(s, DeliveryStatus.SENT, 0, "429: retry after 35 s", "2026-02-27T23:31:05Z"));
        assertThat(en(GROUP, "status", ""))
                .contains("Last post: 2026-02-28 07:31, delivered (rate limited by the platform, retried after the"
                        + " wait)");
        lastPosts.put(s.id(), delivery(s, DeliveryStatus.PENDING, 0, "429: retry after 35 s", null));
        assertThat(zh(GROUP, "status", "")).contains("上一次：2026-02-28 07:30，被平台限流，等待后自动重试");
        lastPosts.put(
                s.id(), delivery(s, DeliveryStatus.FAILED, 4, "gave up after 5 attempts: 502", "2026-02-28T01:00:00Z"));
        assertThat(en(GROUP, "status", ""))
                .contains("failed and given up after retries (gave up after 5 attempts: 502)");

        assertThat(say(GROUP, Locale.ENGLISH, AdminCheck.NEVER, "status", ""))
                .isEqualTo("Only the administrators of this chat can use /status.");
        assertThat(say(PRIVATE, Locale.ENGLISH, AdminCheck.NEVER, "status", ""))
                .startsWith("This chat has no subscription yet.");
    }

    @Test
    void aScheduleTurnedOffAfterARefusalSaysSoAndHowToTurnItOn() {
        en(GROUP, "subscribe", "07:30");
        Subscription s = store.find(GROUP).orElseThrow();
        String reason = "Forbidden: bot is not a member of the channel chat";
        store.disable(GROUP, reason, NOW);
        lastPosts.put(s.id(), delivery(s, DeliveryStatus.FAILED, 0, "forbidden: " + reason, "2026-02-27T23:30:01Z"));

        assertThat(en(GROUP, "status", ""))
                .contains("Last post: 2026-02-28 07:30, the bot was removed from this chat")
                .contains("Turned off: the bot was removed from this chat. Once the bot may post here again, send"
                        + " /subscribe 07:30 to turn it back on.");
        assertThat(zh(GROUP, "settings", "")).contains("🚫 已停用：机器人已被移出此聊天").contains("/subscribe 07:30 重新开启");

        lastPosts.put(
                s.id(),
                delivery(s, DeliveryStatus.FAILED, 0, "forbidden: Missing Permissions", "2026-02-27T23:30:01Z"));
        assertThat(zh(GROUP, "status", "")).contains("机器人在此缺少发言权限");

        assertThat(en(GROUP, "subscribe", "07:30")).contains("Subscribed");
        assertThat(store.find(GROUP).orElseThrow().active()).isTrue();
    }

    private static Delivery delivery(Subscription s, DeliveryStatus status, int attempts, String detail, String at) {
        return new Delivery(
                1,
                s.id(),
                LocalDate.of(2026, 2, 28),
                status,
                attempts,
                OptionalLong.empty(),
                null,
                detail,
                Instant.parse("2026-02-27T23:30:00Z"),
                Optional.ofNullable(at).map(Instant::parse));
    }
}
