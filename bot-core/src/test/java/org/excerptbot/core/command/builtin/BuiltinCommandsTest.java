package org.excerptbot.core.command.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
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
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.search.SubstringSearchIndex;
import org.junit.jupiter.api.Test;

/** The built-in commands through the dispatcher, with an injected clock and per-chat zones. */
class BuiltinCommandsTest {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final DailyRotation ROTATION = new DailyRotation(ExcerptPool.build(CORPUS), 7);
    private static final ChatRef NEW_YORK = new ChatRef(Platform.TELEGRAM, "1", ChatType.PRIVATE);
    private static final ChatRef SHANGHAI = new ChatRef(Platform.TELEGRAM, "2", ChatType.PRIVATE);

    private final MutableClock clock = new MutableClock(Instant.parse("2027-03-10T02:00:00Z"));
    private final CommandDispatcher dispatcher = new CommandDispatcher(
            BuiltinCommands.registry(
                    CORPUS,
                    ROTATION,
                    new SubstringSearchIndex(CORPUS),
                    chat -> chat.equals(NEW_YORK) ? ZoneId.of("America/New_York") : ZoneId.of("Asia/Shanghai"),
                    clock,
                    new SplittableRandom(1),
                    List.of()),
            Messages.load(),
            new FloodControl(1000, clock),
            CommandDispatcher.OwnerCheck.NOBODY);

    private Reply run(ChatRef chat, Locale locale, Input input) {
        return dispatcher
                .dispatch(new Request(chat, new UserRef("u", "u"), locale, input, AdminCheck.NEVER))
                .orElseThrow();
    }

    private Reply command(String name, String args) {
        return run(SHANGHAI, Messages.CHINESE, new Input.Command(name, args));
    }

    @Test
    void today_uses_each_chats_own_local_date() {
        // 02:00 UTC on 10 March is 9 March in New York and 10 March in Shanghai
        Reply ny = run(NEW_YORK, Messages.CHINESE, new Input.Command("today", ""));
        Reply sh = run(SHANGHAI, Messages.CHINESE, new Input.Command("today", ""));
        assertThat(ny.title()).get().asString().contains("2027-03-09").contains("America/New_York");
        assertThat(ny.plainText())
                .isEqualTo(ROTATION.excerptFor(LocalDate.of(2027, 3, 9)).text());
        assertThat(sh.title()).get().asString().contains("2027-03-10");
        assertThat(sh.plainText())
                .isEqualTo(ROTATION.excerptFor(LocalDate.of(2027, 3, 10)).text());
        assertThat(sh.sections().get(0).citation()).get().satisfies(c -> assertThat(c.position())
                .hasValue(ROTATION.excerptFor(LocalDate.of(2027, 3, 10)).ref().position()));
    }

    @Test
    void read_walks_across_document_boundaries() {
        Reply last = command("read", "1 24");
        assertThat(last.allActions()).extracting(Action::data).containsExactly("read 1 23", "read 2 1");
        Reply first = command("read", "1 1");
        assertThat(first.allActions()).extracting(Action::data).containsExactly("read 1 2");
        Reply end = command("read", "4.6");
        assertThat(end.allActions()).extracting(Action::data).containsExactly("read 4 5");
    }

    @Test
    void a_long_query_pages_through_a_short_key() {
        String query = "互联网 互联网 互联网 互联网 互联网 互联网"; // over 64 bytes as button data
        Reply page1 = command("search", query);
        Action next = page1.allActions().stream()
                .filter(a -> a.label().contains("第 2 页"))
                .findFirst()
                .orElseThrow();
        assertThat(next.data()).startsWith("search:2 #");
        Reply page2 = run(SHANGHAI, Messages.CHINESE, new Input.Action(next.data()));
        assertThat(page2.title()).get().asString().contains("第 2/");
        assertThat(run(SHANGHAI, Messages.CHINESE, new Input.Action("search:2 #unknown"))
                        .plainText())
                .contains("已过期");
    }

    @Test
    void every_button_fits_the_platforms_limits() {
        for (String[] c : new String[][] {
            {"today", ""},
            {"principle", ""},
            {"principle", "3"},
            {"proposal", ""},
            {"read", "2 3"},
            {"docs", ""},
            {"search", "互联网"},
            {"search", "网络空间 命运共同体 互联网 发展 治理"}
        }) {
            for (Action a : command(c[0], c[1]).allActions()) {
                assertThat(a.data().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(64);
            }
        }
    }

    @Test
    void english_citations_use_the_english_title() {
        Reply r = run(SHANGHAI, Messages.ENGLISH, new Input.Command("read", "3 2"));
        assertThat(r.sections().get(0).citation()).get().satisfies(c -> {
            assertThat(c.author()).isEqualTo("People's Daily commentator");
            assertThat(c.position()).hasValue("3.2");
        });
    }

    @Test
    void chinese_numerals_and_full_width_digits_are_numbers() {
        assertThat(command("principle", "二").title()).get().asString().contains("维护和平安全");
        assertThat(command("proposal", "５").title()).get().asString().contains("促进公平正义");
        assertThat(command("read", "１ ２").title()).get().asString().startsWith("1.2");
    }
}
