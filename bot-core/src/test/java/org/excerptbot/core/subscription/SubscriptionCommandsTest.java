package org.excerptbot.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.i18n.Messages;
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

    @BeforeEach
    void setUp() {
        db = TestDb.h2();
        store = new JdbcSubscriptionStore(db.dataSource());
        SubscriptionService service = new SubscriptionService(store, SHANGHAI, clock, slotsInUse::add);
        CommandRegistry registry =
                CommandRegistry.of(new SubscriptionCommands(service, () -> 120).specs(), Messages.load());
        dispatcher = new CommandDispatcher(
                registry, Messages.load(), new FloodControl(1000, clock), CommandDispatcher.OwnerCheck.NOBODY);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private String say(ChatRef chat, Locale locale, AdminCheck admin, String command, String args) {
        Request request = new Request(chat, new UserRef("7", "Ann"), locale, new Input.Command(command, args), admin);
        Reply reply = dispatcher.dispatch(request).orElseThrow();
        return reply.plainText();
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

        assertThat(en(PRIVATE, "unsubscribe", "")).startsWith("This chat's daily post is stopped.");
        assertThat(en(PRIVATE, "settings", "")).contains("is stopped (unsubscribed)");
        assertThat(say(PRIVATE, Locale.CHINESE, AdminCheck.ALWAYS, "settings", ""))
                .contains("已停止（已取消）");
    }

    @Test
    void theNextPostIsShownInTheSubscribersLocalTimeAcrossADaylightSavingChange() {
        // 2026-03-08 is the spring-forward day in New York: 02:30 does not exist and is due at 03:30
        clock.set(Instant.parse("2026-03-08T05:00:00Z"));
        assertThat(en(PRIVATE, "subscribe", "02:30 America/New_York")).contains("Next post: 2026-03-08 03:30");
        clock.set(Instant.parse("2026-03-08T08:00:00Z"));
        assertThat(en(PRIVATE, "settings", "")).contains("Next post: 2026-03-09 02:30");
    }
}
