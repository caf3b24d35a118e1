package org.excerptbot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Reply;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CommandSpec echo = CommandSpec.everyone(
            "echo", List.of(ArgSpec.optional("text")), c -> Reply.notice("echo:" + c.arguments() + ":" + c.page()));
    private final CommandSpec boom = CommandSpec.everyone("boom", List.of(), c -> {
        throw new IllegalStateException("bug");
    });
    private final CommandSpec admin =
            new CommandSpec("admin", List.of(), Privacy.CHAT_ADMIN, Locality.ALL, c -> Reply.notice("done"));
    private final CommandSpec privateOnly =
            new CommandSpec("secret", List.of(), Privacy.PUBLIC, Locality.PRIVATE, c -> Reply.notice("psst"));
    private final CommandDispatcher dispatcher = new CommandDispatcher(
            CommandRegistry.of(List.of(echo, boom, admin, privateOnly)),
            Messages.load(),
            new FloodControl(20, clock),
            CommandDispatcher.OwnerCheck.NOBODY);

    private static Request request(String user, ChatType type, Locale locale, Input input, AdminCheck adminCheck) {
        return new Request(
                new ChatRef(Platform.TELEGRAM, "-100", type), new UserRef(user, user), locale, input, adminCheck);
    }

    private Optional<Reply> send(String user, String name, String args) {
        return dispatcher.dispatch(
                request(user, ChatType.PRIVATE, Messages.CHINESE, new Input.Command(name, args), AdminCheck.NEVER));
    }

    @Test
    void runs_a_command_with_its_arguments() {
        assertThat(send("u", "echo", "  a b "))
                .get()
                .extracting(Reply::plainText)
                .isEqualTo("echo:a b:1");
        assertThat(send("u", "ECHO", "")).get().extracting(Reply::plainText).isEqualTo("echo::1");
    }

    @Test
    void a_button_carries_its_command_page_and_arguments() {
        Reply r = dispatcher
                .dispatch(request(
                        "u", ChatType.PRIVATE, Messages.ENGLISH, new Input.Action("echo:3 互联互通"), AdminCheck.NEVER))
                .orElseThrow();
        assertThat(r.plainText()).isEqualTo("echo:互联互通:3");
        Reply bad = dispatcher
                .dispatch(request("u", ChatType.PRIVATE, Messages.ENGLISH, new Input.Action("!!"), AdminCheck.NEVER))
                .orElseThrow();
        assertThat(bad.kind()).isEqualTo(Reply.Kind.ERROR);
        assertThat(bad.plainText()).contains("expired");
    }

    @Test
    void unknown_commands_and_bugs_become_short_replies_in_the_users_language() {
        assertThat(send("u", "nope", "").orElseThrow().plainText()).isEqualTo("没有 /nope 这个命令。发送 /help 查看全部命令。");
        Reply bug = dispatcher
                .dispatch(request(
                        "u", ChatType.PRIVATE, Messages.ENGLISH, new Input.Command("boom", ""), AdminCheck.NEVER))
                .orElseThrow();
        assertThat(bug.kind()).isEqualTo(Reply.Kind.ERROR);
        assertThat(bug.plainText()).startsWith("Sorry").doesNotContain("IllegalStateException");
    }

    @Test
    void admin_commands_ask_the_platform_only_in_groups() {
        int[] asked = {0};
        AdminCheck no = () -> {
            asked[0]++;
            return false;
        };
        assertThat(dispatcher
                        .dispatch(request("u", ChatType.PRIVATE, Messages.CHINESE, new Input.Command("admin", ""), no))
                        .orElseThrow()
                        .plainText())
                .isEqualTo("done");
        assertThat(asked[0]).isZero();
        assertThat(dispatcher
                        .dispatch(request("u", ChatType.GROUP, Messages.CHINESE, new Input.Command("admin", ""), no))
                        .orElseThrow()
                        .plainText())
                .contains("只有本群或频道的管理员");
        assertThat(asked[0]).isOne();
        assertThat(dispatcher
                        .dispatch(request(
                                "u",
                                ChatType.CHANNEL,
                                Messages.CHINESE,
                                new Input.Command("admin", ""),
                                AdminCheck.ALWAYS))
                        .orElseThrow()
                        .plainText())
                .isEqualTo("done");
    }

    @Test
    void locality_is_enforced() {
        assertThat(dispatcher
                        .dispatch(request(
                                "u",
                                ChatType.GROUP,
                                Messages.ENGLISH,
                                new Input.Command("secret", ""),
                                AdminCheck.NEVER))
                        .orElseThrow()
                        .plainText())
                .isEqualTo("/secret works only in a private chat.");
    }

    @Test
    void control_characters_and_overlong_arguments_never_reach_a_handler() {
        assertThat(send("u", "echo", "a\u0000b\u202Ec").orElseThrow().plainText())
                .isEqualTo("echo:a b c:1");
        assertThat(send("u", "echo", "x".repeat(5000)).orElseThrow().plainText())
                .contains("参数太长了");
    }

    @Test
    void a_flooding_user_gets_one_notice_then_silence_without_slowing_others() {
        for (int i = 0; i < 20; i++) assertThat(send("flooder", "echo", "")).isPresent();
        assertThat(send("flooder", "echo", "").orElseThrow().plainText()).contains("太频繁");
        for (int i = 0; i < 10; i++) assertThat(send("flooder", "echo", "")).isEmpty();
        assertThat(send("someone-else", "echo", ""))
                .get()
                .extracting(Reply::plainText)
                .isEqualTo("echo::1");
        clock.advance(Duration.ofSeconds(10));
        assertThat(send("flooder", "echo", ""))
                .get()
                .extracting(Reply::plainText)
                .isEqualTo("echo::1");
    }

    @Test
    void the_console_is_never_flood_controlled() {
        for (int i = 0; i < 100; i++) {
            Request r = new Request(
                    new ChatRef(Platform.CONSOLE, "console", ChatType.PRIVATE),
                    new UserRef("console", "console"),
                    Messages.CHINESE,
                    new Input.Command("echo", ""),
                    AdminCheck.ALWAYS);
            assertThat(dispatcher.dispatch(r)).isPresent();
        }
    }
}
