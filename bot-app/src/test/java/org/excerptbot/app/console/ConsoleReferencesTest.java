package org.excerptbot.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.builtin.BuiltinCommands;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.search.SubstringSearchIndex;
import org.junit.jupiter.api.Test;

/** References typed as console lines show their passages, as /read and /principle would. */
class ConsoleReferencesTest {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-05-02T02:00:00Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ConsoleSession session = new ConsoleSession(
            new CommandDispatcher(
                    BuiltinCommands.registry(
                            CORPUS,
                            new DailyRotation(ExcerptPool.build(CORPUS), 7),
                            new SubstringSearchIndex(CORPUS),
                            ChatZones.fixed(ZoneId.of("Asia/Shanghai")),
                            CLOCK,
                            new SplittableRandom(1),
                            List.of()),
                    Messages.load(),
                    new FloodControl(1000, CLOCK),
                    CommandDispatcher.OwnerCheck.NOBODY),
            Messages.load().texts(Messages.CHINESE),
            new PrintStream(buffer, true, StandardCharsets.UTF_8),
            false,
            false);

    private String answer(String line) {
        buffer.reset();
        session.handle(line);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static String paragraph(int document, int number) {
        return CORPUS.paragraph(new ParagraphRef(document, number))
                .orElseThrow()
                .text();
    }

    @Test
    void aLineThatNamesPassagesShowsThemAsTheCommandsDo() {
        assertThat(answer("1.11")).isEqualTo(answer("/read 1.11")).contains(paragraph(1, 11));
        assertThat(answer("1 11")).isEqualTo(answer("/read 1 11"));
        assertThat(answer("第二项原则")).isEqualTo(answer("/principle 2"));
        assertThat(answer("主张五")).isEqualTo(answer("/proposal 5"));
        assertThat(answer("原则二和一论第3段")).contains(paragraph(1, 11)).contains(paragraph(2, 3));
    }

    @Test
    void ordinaryTextWithNumbersGetsTheConsoleHint() {
        for (String line : List.of("我有2个问题", "in 2015", "2015年12月16日", "第2个问题")) {
            assertThat(answer(line)).contains("请输入以 / 开头的命令").doesNotContain("——");
        }
    }

    @Test
    void aButtonNumberStillPressesTheButton() {
        answer("原则二和主张五");
        assertThat(answer("2")).isEqualTo(answer("/read 1 20"));
    }
}
