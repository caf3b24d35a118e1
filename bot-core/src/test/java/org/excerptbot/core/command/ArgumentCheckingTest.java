package org.excerptbot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dispatcher reads arguments by their specs: each violation gets its generic message in the user's language,
 * and the handler never runs with arguments that do not fit. These commands have no short names for their
 * arguments in the bundle, so the messages name them by their spec names.
 */
class ArgumentCheckingTest {
    private static final CommandHandler NEVER = c -> {
        throw new AssertionError("the handler ran with " + c.parsed() + " for '" + c.arguments() + "'");
    };

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<CommandContext> handled = new ArrayList<>();
    private final CommandDispatcher refusing = dispatcher(NEVER);
    private final CommandDispatcher accepting = dispatcher(c -> {
        handled.add(c);
        return Reply.notice("ok");
    });

    private static List<CommandSpec> specs(CommandHandler handler) {
        return List.of(
                CommandSpec.everyone("whole", List.of(ArgSpec.integer("number", 1, 4)), handler),
                CommandSpec.everyone("text", List.of(ArgSpec.text("query", 2, 5)), handler),
                CommandSpec.everyone(
                        "choose", List.of(ArgSpec.choice("mode", List.of("daily", "sequential"))), handler),
                CommandSpec.everyone("when", List.of(ArgSpec.time("time"), ArgSpec.zone("zone")), handler),
                CommandSpec.everyone(
                        "anyorder",
                        List.of(
                                ArgSpec.time("time").asOptional().inAnyOrder(),
                                ArgSpec.zone("zone").asOptional().inAnyOrder(),
                                ArgSpec.choice("mode", List.of("daily", "sequential"))
                                        .asOptional()
                                        .inAnyOrder()),
                        handler),
                CommandSpec.everyone(
                        "pair",
                        List.of(
                                ArgSpec.integer("document", 1, 3).joinedWithNext(),
                                ArgSpec.integer("paragraph", 1, 10)
                                        .atMost(earlier -> earlier.integer("document") * 2)
                                        .asOptional()),
                        handler),
                CommandSpec.everyone("none", List.of(), handler));
    }

    private CommandDispatcher dispatcher(CommandHandler handler) {
        return new CommandDispatcher(
                CommandRegistry.of(specs(handler)),
                Messages.load(),
                new FloodControl(1000, clock),
                CommandDispatcher.OwnerCheck.NOBODY);
    }

    private static Reply send(CommandDispatcher dispatcher, Locale locale, String command, String arguments) {
        Request request = new Request(
                new ChatRef(Platform.TELEGRAM, "1", ChatType.PRIVATE),
                new UserRef("u", "u"),
                locale,
                new Input.Command(command, arguments),
                AdminCheck.NEVER);
        return dispatcher.dispatch(request).orElseThrow();
    }

    private Reply refused(Locale locale, String command, String arguments) {
        Reply reply = send(refusing, locale, command, arguments);
        assertThat(reply.kind()).isEqualTo(Reply.Kind.ERROR);
        return reply;
    }

    private CommandContext accepted(String command, String arguments) {
        handled.clear();
        Reply reply = send(accepting, Messages.CHINESE, command, arguments);
        assertThat(reply.plainText()).as(reply.plainText()).isEqualTo("ok");
        assertThat(handled).hasSize(1);
        return handled.get(0);
    }

    @ParameterizedTest(name = "/{0} {1}")
    @CsvSource(
            delimiter = '¦',
            quoteCharacter = '`',
            textBlock =
                    """
            whole    ¦               ¦ /whole 需要number（1-4）。                             ¦ /whole needs number (1-4).
            whole    ¦ abc           ¦ number应为 1-4，“abc”不符合。                          ¦ Number must be 1-4, not "abc".
            whole    ¦ 9             ¦ number应为 1-4，没有 9。                               ¦ Number must be 1-4; there is no 9.
            whole    ¦ 0             ¦ number应为 1-4，没有 0。                               ¦ Number must be 1-4; there is no 0.
            whole    ¦ 1 2           ¦ “2”是多余的参数：/whole 最多接受 1 个参数。            ¦ "2" is one argument too many: /whole takes at most 1.
            text     ¦               ¦ /text 需要query（2-5 个字）。                          ¦ /text needs query (2-5 characters).
            text     ¦ a             ¦ query太短了（至少 2 个字）。                           ¦ Query is too short (at least 2 characters).
            text     ¦ abc def       ¦ query太长了（最多 5 个字）。                           ¦ Query is too long (at most 5 characters).
            choose   ¦ weekly        ¦ mode应为 daily|sequential，“weekly”不符合。            ¦ Mode must be daily|sequential, not "weekly".
            when     ¦ 25:30 UTC     ¦ time应为 HH:MM（24 小时制，00:00-23:59），“25:30”不符合。 ¦ Time must be HH:MM (24-hour clock, 00:00-23:59), not "25:30".
            when     ¦ 08:00 Mars/X  ¦ zone应为 地区/城市（例如 Asia/Shanghai）或 UTC，“Mars/X”不符合。 ¦ Zone must be Area/City (such as Asia/Shanghai) or UTC, not "Mars/X".
            when     ¦ 08:00         ¦ /when 需要zone（地区/城市（例如 Asia/Shanghai）或 UTC）。 ¦ /when needs zone (Area/City (such as Asia/Shanghai) or UTC).
            anyorder ¦ 08:00 weekly  ¦ 看不懂参数“weekly”。发送 /help 查看 /anyorder 的用法。 ¦ I don't understand "weekly". Send /help to see how /anyorder is used.
            anyorder ¦ 08:00 09:00   ¦ “09:00”重复了time：每个参数只能给一次。                ¦ "09:00" repeats time: give each argument at most once.
            anyorder ¦ daily 24:00   ¦ time应为 HH:MM（24 小时制，00:00-23:59），“24:00”不符合。 ¦ Time must be HH:MM (24-hour clock, 00:00-23:59), not "24:00".
            pair     ¦ 4             ¦ document应为 1-3，没有 4。                             ¦ Document must be 1-3; there is no 4.
            pair     ¦ 2.5           ¦ paragraph应为 1-4，没有 5。                            ¦ Paragraph must be 1-4; there is no 5.
            pair     ¦ 1 3           ¦ paragraph应为 1-2，没有 3。                            ¦ Paragraph must be 1-2; there is no 3.
            pair     ¦ 1.1 2         ¦ “2”是多余的参数：/pair 最多接受 2 个参数。             ¦ "2" is one argument too many: /pair takes at most 2.
            none     ¦ x             ¦ /none 不需要参数，直接发送 /none 即可。                ¦ /none takes no arguments; just send /none.
            """)
    void each_violation_gets_its_message_in_chinese_and_english_and_the_handler_never_runs(
            String command, String arguments, String chinese, String english) {
        String typed = arguments == null ? "" : arguments;
        assertThat(refused(Messages.CHINESE, command, typed).plainText()).isEqualTo(chinese);
        assertThat(refused(Messages.ENGLISH, command, typed).plainText()).isEqualTo(english);
    }

    @Test
    void a_long_word_is_shortened_in_the_message() {
        assertThat(refused(Messages.ENGLISH, "whole", "x".repeat(40)).plainText())
                .isEqualTo("Number must be 1-4, not \"" + "x".repeat(20) + "…\".");
    }

    @Test
    void handlers_receive_typed_values() {
        assertThat(accepted("whole", "４").integer("number")).isEqualTo(4);
        assertThat(accepted("whole", "三").integer("number")).isEqualTo(3);
        assertThat(accepted("text", " a  b ").text("query")).isEqualTo("a  b");
        assertThat(accepted("choose", "DAILY").choice("mode")).isEqualTo("daily");
        CommandContext when = accepted("when", "7:05 europe/london");
        assertThat(when.time("time")).isEqualTo(LocalTime.of(7, 5));
        assertThat(when.zone("zone")).isEqualTo(ZoneId.of("Europe/London"));
        CommandContext any = accepted("anyorder", "sequential UTC ２１：３０");
        assertThat(any.optionalTime("time")).contains(LocalTime.of(21, 30));
        assertThat(any.optionalZone("zone")).contains(ZoneId.of("UTC"));
        assertThat(any.optionalChoice("mode")).contains("sequential");
        CommandContext none = accepted("anyorder", "");
        assertThat(none.optionalTime("time")).isEmpty();
        assertThat(none.optionalChoice("mode")).isEmpty();
        CommandContext joined = accepted("pair", "３．６");
        assertThat(joined.integer("document")).isEqualTo(3);
        assertThat(joined.optionalInteger("paragraph")).contains(6);
        assertThat(accepted("pair", "3").optionalInteger("paragraph")).isEmpty();
    }

    @Test
    void reading_an_argument_with_the_wrong_accessor_is_a_bug_that_names_it() {
        CommandContext c = accepted("pair", "1 2");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> c.text("document")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("document");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> c.integer("paragraph")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paragraph: is optional");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> c.optionalInteger("document")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("document: is required");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> c.integer("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void a_button_is_checked_like_a_typed_command() {
        Request pressed = new Request(
                new ChatRef(Platform.TELEGRAM, "1", ChatType.PRIVATE),
                new UserRef("u", "u"),
                Messages.ENGLISH,
                new Input.Action("whole:2 7"),
                AdminCheck.NEVER);
        assertThat(refusing.dispatch(pressed).map(Reply::plainText))
                .isEqualTo(Optional.of("Number must be 1-4; there is no 7."));
    }
}
