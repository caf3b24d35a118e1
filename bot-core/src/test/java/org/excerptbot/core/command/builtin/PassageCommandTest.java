package org.excerptbot.core.command.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reference.References;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.search.SubstringSearchIndex;
import org.junit.jupiter.api.Test;

/** References typed in chat, answered through the dispatcher as /read, /principle and /proposal answer. */
class PassageCommandTest {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final ChatRef CHAT = new ChatRef(Platform.TELEGRAM, "1", ChatType.PRIVATE);

    private final MutableClock clock = new MutableClock(Instant.parse("2027-03-10T02:00:00Z"));
    private final CommandDispatcher dispatcher = new CommandDispatcher(
            BuiltinCommands.registry(
                    CORPUS,
                    new DailyRotation(ExcerptPool.build(CORPUS), 7),
                    new SubstringSearchIndex(CORPUS),
                    chat -> ZoneId.of("Asia/Shanghai"),
                    clock,
                    new SplittableRandom(1),
                    List.of()),
            Messages.load(),
            new FloodControl(1000, clock),
            CommandDispatcher.OwnerCheck.NOBODY);

    private Reply run(Locale locale, Input input) {
        return dispatcher
                .dispatch(new Request(CHAT, new UserRef("u", "u"), locale, input, AdminCheck.NEVER))
                .orElseThrow();
    }

    /** What the adapters send for a chat message. */
    private Reply typed(String message) {
        return run(Messages.CHINESE, References.passageRequest(message).orElseThrow());
    }

    private String paragraph(int document, int number) {
        return CORPUS.paragraph(new ParagraphRef(document, number))
                .orElseThrow()
                .text();
    }

    @Test
    void oneReferenceGetsExactlyTheReplyOfItsCommand() {
        assertThat(typed("1.11")).isEqualTo(run(Messages.CHINESE, new Input.Command("read", "1.11")));
        assertThat(typed("讲话第11段")).isEqualTo(run(Messages.CHINESE, new Input.Command("read", "1 11")));
        assertThat(typed("第二项原则")).isEqualTo(run(Messages.CHINESE, new Input.Command("principle", "2")));
        assertThat(typed("主张五")).isEqualTo(run(Messages.CHINESE, new Input.Command("proposal", "5")));
        assertThat(typed("一论第3段").plainText()).isEqualTo(paragraph(2, 3));
    }

    @Test
    void severalReferencesGetTheirPassagesInOneReplyWithButtonsToOpenEach() {
        Reply reply = typed("原则二、主张五和 2.3");
        assertThat(reply.kind()).isEqualTo(Reply.Kind.CONTENT);
        assertThat(reply.title()).hasValue("引用的原文（3 处）");
        assertThat(reply.plainText())
                .contains(paragraph(1, 11))
                .contains(paragraph(1, 20))
                .contains(paragraph(2, 3))
                .contains("原则2：维护和平安全");
        assertThat(reply.plainText().indexOf(paragraph(1, 11)))
                .isLessThan(reply.plainText().indexOf(paragraph(2, 3)));
        assertThat(reply.allActions()).extracting(Action::data).containsExactly("read 1 11", "read 1 20", "read 2 3");
    }

    @Test
    void moreThanThreeReferencesShowThreeAndSayHowToSeeTheRest() {
        Reply reply = typed("1.1 1.2 1.3 1.4 1.5");
        assertThat(reply.allActions()).hasSize(PassageCommand.MAX_SHOWN);
        assertThat(reply.plainText())
                .doesNotContain(paragraph(1, 4))
                .contains("另有 2 处未显示")
                .endsWith("/passage 1.4 1.5");
    }

    @Test
    void aReferenceToNothingIsAnsweredAsTheCommandWouldAnswerIt() {
        Reply reply = typed("第五项原则");
        assertThat(reply.kind()).isEqualTo(Reply.Kind.ERROR);
        assertThat(reply.plainText()).contains("没有第 5 项原则");
        assertThat(typed("9.1").plainText()).contains("没有第 9 篇文献");
        Reply mixed = typed("1.11 和 1.99");
        assertThat(mixed.kind()).isEqualTo(Reply.Kind.CONTENT);
        assertThat(mixed.plainText()).contains(paragraph(1, 11)).contains("没有第 99 段");
    }

    @Test
    void typedAsACommandItReadsAnyReferenceAndExplainsWhenItFindsNone() {
        Reply english = run(Messages.ENGLISH, new Input.Command("passage", "principle 2"));
        assertThat(english.title()).get().asString().startsWith("Principle 2");
        Reply none = run(Messages.CHINESE, new Input.Command("passage", "你好"));
        assertThat(none.kind()).isEqualTo(Reply.Kind.ERROR);
        assertThat(none.plainText()).contains("原则二");
        assertThat(run(Messages.CHINESE, new Input.Command("passage", "")).plainText())
                .contains("/passage 1.11");
    }
}
