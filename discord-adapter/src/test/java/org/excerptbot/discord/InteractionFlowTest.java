package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.excerptbot.discord.fake.RecordedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How interactions are answered: at once or deferred when slow, buttons that edit their message, errors in private,
 * autocomplete, and a 429 on the way. Commands here are probes whose speed the test controls with latches, so that
 * "slow" is certain rather than timed.
 */
class InteractionFlowTest {
    private static DiscordBot bot;
    private static FakeDiscord discord;
    private static volatile CountDownLatch release = new CountDownLatch(0);

    /** /read-like paging: shows its page and buttons to the neighbours; page 0 or past 3 is an error. */
    private static Reply page(CommandContext c) {
        int page = Integer.parseInt(c.words().get(0));
        if (page < 1 || page > 3) return Reply.error("no page " + page);
        Reply.Builder b =
                Reply.builder(Reply.Kind.CONTENT).title("page " + page).section(Section.text("text " + page));
        List<Action> row = new ArrayList<>();
        row.add(new Action("◀ " + (page - 1), "page " + (page - 1)));
        row.add(new Action((page + 1) + " ▶", "page " + (page + 1)));
        return b.actionRow(row).build();
    }

    /** Waits for the test's go, then answers like {@link #page}; "fail" answers with an error. */
    private static Reply slow(CommandContext c) {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) return Reply.error("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (c.arguments().equals("fail")) return Reply.error("slow failure");
        return Reply.builder(Reply.Kind.CONTENT)
                .title("slow " + c.arguments() + " page " + c.page())
                .section(Section.text("done"))
                .actionRow(List.of(new Action("more", "search:" + (c.page() + 1) + " " + c.arguments())))
                .build();
    }

    @BeforeAll
    static void start() throws InterruptedException {
        CommandRegistry registry = CommandRegistry.of(List.of(
                CommandSpec.everyone("today", List.of(), c -> Reply.notice("today")),
                CommandSpec.everyone("read", List.of(ArgSpec.required("document")), c -> page(c)),
                new CommandSpec(
                        "page",
                        List.of(ArgSpec.required("number")),
                        org.excerptbot.core.command.Privacy.PUBLIC,
                        org.excerptbot.core.command.Locality.ALL,
                        c -> page(c)),
                CommandSpec.everyone("search", List.of(ArgSpec.required("query")), c -> slow(c)),
                // answered from memory, as the real /principle is, but as slow as the test makes it
                CommandSpec.everyone("principle", List.of(ArgSpec.optional("number")), c -> slow(c)),
                CommandSpec.everyone("subscribe", List.of(), c -> Reply.notice("subscribed"))));
        bot = new DiscordBot(registry, DiscordBot.NO_SEARCH);
        discord = bot.discord;
    }

    @AfterAll
    static void stop() {
        release.countDown();
        if (bot != null) bot.close();
    }

    @Test
    void aButtonEditsItsMessageInPlace() {
        FakeDiscord.Sent read = discord.slash("read").option("document", 2).send();
        FakeMessage first = discord.awaitReply(read);
        assertThat(first.title()).isEqualTo("page 2");
        assertThat(discord.ackType(read))
                .as("/read answers from memory: no deferral")
                .isEqualTo(4);
        assertThat(first.buttonLabels()).containsExactly("◀ 1", "3 ▶");
        int shown = discord.messagesIn(discord.general).size();

        FakeDiscord.Sent press = discord.press(first, "3 ▶");
        FakeMessage edited = discord.awaitEdit(first);
        assertThat(edited.id()).isEqualTo(first.id());
        assertThat(edited.title()).isEqualTo("page 3");
        assertThat(edited.description()).isEqualTo("text 3");
        assertThat(edited.buttonLabels()).containsExactly("◀ 2", "4 ▶");
        assertThat(discord.ackType(press)).isIn(6, 7);
        assertThat(discord.messagesIn(discord.general)).hasSize(shown);
    }

    @Test
    void aButtonThatLeadsToAnErrorAnswersPrivatelyAndLeavesTheMessage() {
        FakeMessage first =
                discord.awaitReply(discord.slash("read").option("document", 3).send());
        FakeDiscord.Sent press = discord.press(first, "4 ▶");
        await().until(() -> discord.ackType(press) != 0);
        FakeMessage answer = discord.ackType(press) == 4
                ? discord.awaitReply(press)
                : await().until(() -> discord.followUps(press), l -> !l.isEmpty())
                        .get(0);
        assertThat(answer.ephemeral()).isTrue();
        assertThat(answer.description()).isEqualTo("no page 4");
        assertThat(discord.message(first.id()).orElseThrow().version()).isEqualTo(first.version());
    }

    @Test
    void aSlowCommandIsDeferredAndThenCompleted() {
        release = new CountDownLatch(1);
        FakeDiscord.Sent sent = discord.slash("search").option("query", "互联互通").send();
        await("deferral").until(() -> discord.ackType(sent) == 5);
        FakeMessage thinking = discord.messagesIn(discord.general).stream()
                .filter(FakeMessage::loading)
                .findFirst()
                .orElseThrow();
        assertThat(thinking.ephemeral()).isFalse();
        release.countDown();
        FakeMessage reply = discord.awaitReply(sent);
        assertThat(reply.id()).isEqualTo(thinking.id());
        assertThat(reply.title()).isEqualTo("slow 互联互通 page 1");
        assertThat(discord.calls("PATCH", "webhooks/*/*/messages/@original")).isNotEmpty();

        // the button of a slow command: deferred update (6), then the message is edited
        release = new CountDownLatch(1);
        FakeDiscord.Sent press = discord.press(reply, "more");
        await("deferred update").until(() -> discord.ackType(press) == 6);
        release.countDown();
        assertThat(discord.awaitEdit(reply).title()).isEqualTo("slow 互联互通 page 2");
    }

    @Test
    void anAnswerFromMemoryThatRunsLateIsDeferredInTimeAndThenFilledIn() {
        release = new CountDownLatch(1);
        FakeDiscord.Sent sent = discord.slash("principle").option("number", 2).send();
        await("deferral while the answer is still being made").until(() -> discord.ackType(sent) == 5);
        assertThat(discord.ackDelay(sent).orElseThrow()).isLessThan(Duration.ofSeconds(3));
        release.countDown();
        FakeMessage reply = discord.awaitReply(sent);
        assertThat(reply.title()).isEqualTo("slow 2 page 1");
        assertThat(reply.loading()).isFalse();
    }

    @Test
    void slowWorkOnEveryFollowUpThreadHoldsUpNoAcknowledgement() {
        release = new CountDownLatch(1);
        // more slow commands than threads for follow-up work: the last one waits for a thread
        List<FakeDiscord.Sent> slow = IntStream.range(0, 3)
                .mapToObj(i ->
                        discord.slash("search").option("query", "stuck " + i).send())
                .toList();
        await("the slow ones deferred").until(() -> slow.stream().allMatch(s -> discord.ackType(s) == 5));

        // the fake refuses an acknowledgement later than 3 s, so these replies show only if it came in time
        FakeDiscord.Sent read = discord.slash("read").option("document", 1).send();
        FakeDiscord.Sent today = discord.slash("today").send();
        assertThat(discord.awaitReply(read).title()).isEqualTo("page 1");
        await("/today deferred").until(() -> discord.ackType(today) == 5);
        assertThat(discord.awaitChoiceValues(discord.autocomplete("subscribe")
                        .permissions(FakeDiscord.MEMBER | FakeDiscord.MANAGE_GUILD)
                        .focus("timezone", "shang")
                        .send()))
                .first()
                .isEqualTo("Asia/Shanghai");

        release.countDown();
        for (int i = 0; i < 3; i++) {
            assertThat(discord.awaitReply(slow.get(i)).title()).isEqualTo("slow stuck " + i + " page 1");
        }
        assertThat(discord.awaitReply(today).description()).isEqualTo("today");
    }

    @Test
    void aSlowErrorReplacesThePublicPlaceholderWithAPrivateMessage() {
        release = new CountDownLatch(1);
        FakeDiscord.Sent sent = discord.slash("search").option("query", "fail").send();
        await("deferral").until(() -> discord.ackType(sent) == 5);
        release.countDown();
        List<FakeMessage> followUps = await().until(() -> discord.followUps(sent), l -> !l.isEmpty());
        assertThat(followUps.get(0).ephemeral()).isTrue();
        assertThat(followUps.get(0).description()).isEqualTo("slow failure");
        await("placeholder removed").until(() -> discord.calls("DELETE", "webhooks/*/*/messages/@original").stream()
                .anyMatch(c -> c.path().contains(sent.token())));
        assertThat(discord.messagesIn(discord.general)).noneMatch(FakeMessage::loading);
    }

    @Test
    void aReplyDiscordRefusesAfterTheDeferralBecomesAPrivateErrorNotEndlessThinking() {
        release = new CountDownLatch(1);
        FakeDiscord.Sent sent =
                discord.slash("search").option("query", "refused").send();
        await("deferral").until(() -> discord.ackType(sent) == 5);
        discord.refuseNext(
                "PATCH", "webhooks/*/" + sent.token() + "/messages/@original", 400, 50035, "Invalid Form Body");
        release.countDown();
        FakeMessage answer = discord.awaitReply(sent);
        assertThat(answer.ephemeral()).isTrue();
        assertThat(answer.color()).isEqualTo(EmbedRenderer.ERROR_COLOR);
        assertThat(answer.description())
                .isEqualTo(DiscordBot.MESSAGES.texts(Messages.CHINESE).get("error.internal"));
    }

    @Test
    void aRateLimitedCallbackIsRetriedAfterRetryAfter() {
        discord.rateLimitNext("POST", "interactions/*/*/callback", Duration.ofSeconds(1), false);
        FakeDiscord.Sent sent = discord.slash("today").send();
        FakeMessage reply = discord.awaitReply(sent);
        assertThat(reply.description()).isEqualTo("today");
        List<Integer> statuses = discord.calls(c -> c.path().startsWith("interactions/" + sent.id())).stream()
                .map(RecordedCall::status)
                .toList();
        assertThat(statuses).containsExactly(429, 200);
    }

    @Test
    void timeZonesAreSuggestedFromTheIanaDatabase() {
        List<String> shanghai = discord.awaitChoiceValues(discord.autocomplete("subscribe")
                .permissions(FakeDiscord.MEMBER | FakeDiscord.MANAGE_GUILD)
                .focus("timezone", "shang")
                .send());
        assertThat(shanghai).first().isEqualTo("Asia/Shanghai");
        List<String> names = discord.awaitChoices(discord.autocomplete("subscribe")
                .permissions(FakeDiscord.MEMBER | FakeDiscord.MANAGE_GUILD)
                .focus("timezone", "纽约")
                .send());
        assertThat(names).first().asString().startsWith("America/New_York (UTC-0");
        List<String> all = discord.awaitChoiceValues(discord.autocomplete("subscribe")
                .permissions(FakeDiscord.MEMBER | FakeDiscord.MANAGE_GUILD)
                .focus("timezone", "")
                .send());
        assertThat(all).hasSize(25).first().isEqualTo("Asia/Shanghai");
        assertThat(discord.awaitChoices(discord.autocomplete("subscribe")
                        .permissions(FakeDiscord.MEMBER | FakeDiscord.MANAGE_GUILD)
                        .focus("timezone", "Mars/Olympus")
                        .send()))
                .isEmpty();
    }
}
