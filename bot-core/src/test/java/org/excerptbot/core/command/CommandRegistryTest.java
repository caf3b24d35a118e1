package org.excerptbot.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Reply;
import org.junit.jupiter.api.Test;

/** The registry refuses malformed specs, and specs whose messages are missing or wrong, when it is built. */
class CommandRegistryTest {
    /** registry-test.properties: each command there has one defect, except {@code good}. */
    private static final Messages TEST_MESSAGES = Messages.load("org.excerptbot.core.command.registry-test");

    private static final CommandHandler OK = c -> Reply.notice("ok");

    private static CommandSpec spec(String name, ArgSpec... arguments) {
        return CommandSpec.everyone(name, List.of(arguments), OK);
    }

    private static CommandSpec good() {
        return spec(
                "good",
                ArgSpec.integer("number", 1, 4).joinedWithNext(),
                ArgSpec.integer("paragraph", 1, 9).asOptional());
    }

    @Test
    void a_well_formed_spec_with_all_its_messages_is_accepted() {
        CommandRegistry registry = CommandRegistry.of(List.of(good()), TEST_MESSAGES);
        assertThat(registry.find("good")).isPresent();
    }

    @Test
    void the_packaged_bundles_have_every_generic_argument_message() {
        assertThat(CommandRegistry.of(List.of(), Messages.load()).specs()).isEmpty();
    }

    @Test
    void names_are_unique() {
        assertThatThrownBy(() -> CommandRegistry.of(List.of(spec("a"), spec("a"))))
                .hasMessageContaining("'a' is registered twice");
        assertThatThrownBy(() -> CommandRegistry.of(List.of(spec("a", ArgSpec.time("t"), ArgSpec.time("t")))))
                .hasMessageContaining("/a: the argument 't' is declared twice");
        assertThatThrownBy(() -> CommandRegistry.of(List.of(spec("a", ArgSpec.time("Time")))))
                .hasMessageContaining("/a: the argument 'Time' needs a name");
        assertThatThrownBy(() -> CommandRegistry.of(List.of(spec("a", ArgSpec.time("value")))))
                .hasMessageContaining("/a: the argument 'value' has the name of a message placeholder");
    }

    @Test
    void required_arguments_come_before_optional_ones() {
        assertThatThrownBy(() ->
                        CommandRegistry.of(List.of(spec("a", ArgSpec.time("t").asOptional(), ArgSpec.zone("z")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/a: the argument 'z' is required after an optional argument");
    }

    @Test
    void free_text_comes_only_last() {
        assertThatThrownBy(() ->
                        CommandRegistry.of(List.of(spec("a", ArgSpec.text("q", 1, 10), ArgSpec.integer("n", 1, 2)))))
                .hasMessageContaining("/a: the argument 'q' is free text")
                .hasMessageContaining("must be the last");
        assertThatThrownBy(() ->
                        CommandRegistry.of(List.of(spec("a", new ArgSpec("q", false, true, new ArgType.Text(1, 5))))))
                .hasMessageContaining("/a: the argument 'q' is free text");
    }

    @Test
    void any_order_arguments_come_after_the_positional_ones_and_never_after_an_optional_one() {
        assertThatThrownBy(() -> CommandRegistry.of(
                        List.of(spec("a", ArgSpec.time("t").inAnyOrder(), ArgSpec.integer("n", 1, 2)))))
                .hasMessageContaining("/a: the argument 'n' is positional after an any-order argument");
        assertThatThrownBy(() -> CommandRegistry.of(List.of(spec(
                        "a",
                        ArgSpec.integer("n", 1, 2).asOptional(),
                        ArgSpec.time("t").asOptional().inAnyOrder()))))
                .hasMessageContaining("/a: the argument 't' is in any order after an optional positional argument");
    }

    @Test
    void a_number_joins_only_a_following_positional_number() {
        assertThatThrownBy(() -> CommandRegistry.of(
                        List.of(spec("a", ArgSpec.integer("n", 1, 2).joinedWithNext()))))
                .hasMessageContaining("/a: the argument 'n' joins the next argument");
        assertThatThrownBy(() -> CommandRegistry.of(
                        List.of(spec("a", ArgSpec.integer("n", 1, 2).joinedWithNext(), ArgSpec.time("t")))))
                .hasMessageContaining("/a: the argument 'n' joins the next argument");
    }

    @Test
    void every_message_a_command_refers_to_is_in_both_bundles() {
        assertThatThrownBy(() -> CommandRegistry.of(List.of(spec("nosuch")), TEST_MESSAGES))
                .hasMessage("specs: /nosuch: the message 'command.nosuch.description' is missing from the zh bundle");
        assertThatThrownBy(() -> CommandRegistry.of(List.of(spec("chineseonly")), TEST_MESSAGES))
                .hasMessage("specs: /chineseonly: the message 'command.chineseonly.description'"
                        + " is missing from the en bundle");
        assertThatThrownBy(() ->
                        CommandRegistry.of(List.of(spec("nolabel", ArgSpec.integer("number", 1, 4))), TEST_MESSAGES))
                .hasMessage("specs: /nolabel: the message 'command.nolabel.arg.number' is missing from the zh bundle");
        assertThatThrownBy(() ->
                        CommandRegistry.of(List.of(spec("halfway", ArgSpec.integer("number", 1, 4))), TEST_MESSAGES))
                .hasMessage("specs: /halfway: the message 'command.halfway.error.number.range'"
                        + " is missing from the en bundle");
    }

    @Test
    void a_commands_own_error_messages_name_its_arguments_and_violations_that_can_occur() {
        assertThatThrownBy(
                        () -> CommandRegistry.of(List.of(spec("typo", ArgSpec.integer("number", 1, 4))), TEST_MESSAGES))
                .hasMessageContaining("/typo: the message 'command.typo.error.numbr.range' names no argument");
        assertThatThrownBy(() ->
                        CommandRegistry.of(List.of(spec("never", ArgSpec.integer("number", 1, 4))), TEST_MESSAGES))
                .hasMessageContaining("/never: the message 'command.never.error.number.too.long' names no");
    }

    @Test
    void messages_use_only_known_placeholders() {
        assertThatThrownBy(() -> CommandRegistry.of(
                        List.of(spec("placeholder", ArgSpec.integer("number", 1, 4))), TEST_MESSAGES))
                .hasMessageContaining("/placeholder: the message 'command.placeholder.error.number.range' (zh)")
                .hasMessageContaining("unknown placeholder {nummer}");
    }

    @Test
    void a_commands_own_wording_and_usage_are_used_with_earlier_values() {
        CommandDispatcher dispatcher = new CommandDispatcher(
                CommandRegistry.of(List.of(good()), TEST_MESSAGES),
                TEST_MESSAGES,
                new FloodControl(100, java.time.Clock.systemUTC()),
                CommandDispatcher.OwnerCheck.NOBODY);
        Request request = new Request(
                new ChatRef(Platform.CONSOLE, "c", ChatType.PRIVATE),
                new UserRef("c", "c"),
                Messages.ENGLISH,
                new Input.Command("good", "7"),
                AdminCheck.ALWAYS);
        assertThat(dispatcher.dispatch(request).orElseThrow().plainText()).isEqualTo("没有第 7 个（1-4），good\n\n/good [编号]");
        Request paragraph = new Request(
                request.chat(), request.user(), Messages.ENGLISH, new Input.Command("good", "2.10"), AdminCheck.ALWAYS);
        assertThat(dispatcher.dispatch(paragraph).orElseThrow().plainText()).isEqualTo("第 2 个没有第 10 段\n\n/good [编号]");
        Request many = new Request(
                request.chat(),
                request.user(),
                Messages.ENGLISH,
                new Input.Command("good", "1 2 3"),
                AdminCheck.ALWAYS);
        assertThat(dispatcher.dispatch(many).orElseThrow().plainText()).isEqualTo("太多\n\n/good [编号]");
    }
}
