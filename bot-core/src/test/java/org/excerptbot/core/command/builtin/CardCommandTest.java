package org.excerptbot.core.command.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardPictures;
import org.excerptbot.core.card.CardRenderer;
import org.excerptbot.core.card.Theme;
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
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.reply.Picture;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.search.SubstringSearchIndex;
import org.junit.jupiter.api.Test;

/** /card and the card buttons through the dispatcher: what the reply shows as pictures and as text. */
class CardCommandTest {
    private static final Corpus CORPUS = CorpusLoader.loadPackaged();
    private static final DailyRotation ROTATION = new DailyRotation(ExcerptPool.build(CORPUS), 7);
    private static final ChatRef CHAT = new ChatRef(Platform.TELEGRAM, "2", ChatType.PRIVATE);
    private static final CardRenderer RENDERER = new CardRenderer();

    private final MutableClock clock = new MutableClock(Instant.parse("2027-03-10T02:00:00Z"));
    private final CommandDispatcher dispatcher = new CommandDispatcher(
            BuiltinCommands.registry(
                    CORPUS,
                    ROTATION,
                    new SubstringSearchIndex(CORPUS),
                    chat -> ZoneId.of("Asia/Shanghai"),
                    clock,
                    new SplittableRandom(1),
                    RENDERER,
                    List.of()),
            Messages.load(),
            new FloodControl(1000, clock),
            CommandDispatcher.OwnerCheck.NOBODY);

    private Reply run(Locale locale, Input input) {
        return dispatcher
                .dispatch(new Request(CHAT, new UserRef("u", "u"), locale, input, AdminCheck.NEVER))
                .orElseThrow();
    }

    private Reply command(String args) {
        return run(Messages.CHINESE, new Input.Command("card", args));
    }

    private static BufferedImage decode(Picture picture) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(picture.png()));
    }

    @Test
    void card_alone_is_todays_excerpt_as_a_png_captioned_with_its_citation() throws IOException {
        Excerpt today = ROTATION.excerptFor(LocalDate.of(2027, 3, 10));
        Reply reply = command("");
        assertThat(reply.kind()).isEqualTo(Reply.Kind.CONTENT);
        assertThat(reply.pictures()).hasSize(1);
        Picture card = reply.pictures().get(0);
        BufferedImage image = decode(card);
        assertThat(image.getWidth()).isEqualTo(card.width()).isEqualTo(1080);
        assertThat(image.getHeight()).isEqualTo(card.height()).isGreaterThanOrEqualTo(1080);
        assertThat(card.fileName()).isEqualTo("card.png");
        String citation = Citations.of(CORPUS, today.ref(), Messages.load().texts(Messages.CHINESE))
                .line();
        assertThat(card.caption()).isEqualTo(citation);
        assertThat(card.altText()).isEqualTo(today.text());
        // the same passage as text, for the surfaces that cannot show pictures
        assertThat(reply.plainText()).isEqualTo(today.text());
        assertThat(reply.sections().get(0).citation())
                .get()
                .extracting(c -> c.line())
                .isEqualTo(citation);
    }

    @Test
    void a_paragraph_is_typed_with_a_dot_or_a_space_and_gives_the_same_card() {
        Reply dotted = command("1.11");
        Reply spaced = command("1 11");
        Paragraph paragraph = CORPUS.paragraph(new ParagraphRef(1, 11)).orElseThrow();
        assertThat(dotted.pictures()).isEqualTo(spaced.pictures()).isNotEmpty();
        assertThat(dotted.plainText()).isEqualTo(paragraph.text());
        assertThat(dotted.pictures().get(0).caption()).endsWith("· 1.11");
        assertThat(dotted.allActions()).extracting(Action::data).containsExactly("read 1 11");
    }

    @Test
    void the_card_button_under_an_excerpt_renders_that_excerpt() {
        Reply today = run(Messages.CHINESE, new Input.Command("today", ""));
        Excerpt excerpt = ROTATION.excerptFor(LocalDate.of(2027, 3, 10));
        Action card = today.allActions().stream()
                .filter(a -> a.label().contains("卡片"))
                .findFirst()
                .orElseThrow();
        Reply pressed = run(Messages.CHINESE, new Input.Action(card.data()));
        assertThat(pressed.plainText()).isEqualTo(excerpt.text());
        assertThat(pressed.pictures()).isEqualTo(command("").pictures());
    }

    @Test
    void every_excerpt_reply_has_a_card_button_that_answers_with_pictures() {
        for (String[] c : new String[][] {
            {"today", ""}, {"random", ""}, {"principle", "2"}, {"proposal", "1"}, {"read", "2 3"}, {"search", "互联网"}
        }) {
            Reply reply = run(Messages.CHINESE, new Input.Command(c[0], c[1]));
            List<Action> cards = reply.allActions().stream()
                    .filter(a -> a.data().startsWith("card "))
                    .toList();
            assertThat(cards).as("/" + c[0]).isNotEmpty();
            assertThat(run(Messages.CHINESE, new Input.Action(cards.get(0).data()))
                            .pictures())
                    .as("/" + c[0])
                    .isNotEmpty();
        }
    }

    @Test
    void english_cards_cite_the_english_title() {
        Reply reply = run(Messages.ENGLISH, new Input.Command("card", "3.2"));
        assertThat(reply.pictures().get(0).caption()).contains("People's Daily commentator");
        assertThat(reply.title()).get().asString().isEqualTo("Quote card · 3.2");
    }

    @Test
    void bad_positions_get_a_short_error_in_the_users_language() {
        assertThat(command("9.1").kind()).isEqualTo(Reply.Kind.ERROR);
        assertThat(command("9.1").plainText()).contains("没有第 9 篇文献");
        assertThat(command("1 999").plainText()).contains("没有第 999 段");
        assertThat(command("abc").plainText()).contains("“abc”不是文献编号");
        assertThat(command("1 11 99").plainText()).contains("没有第 99 句");
        assertThat(command("1 11 1 1").plainText()).contains("最多接受三个编号");
        assertThat(command("9.1").pictures()).isEmpty();
    }

    @Test
    void a_passage_too_long_for_one_card_gives_numbered_cards() {
        Paragraph longest =
                CORPUS.paragraphs().max((a, b) -> a.length() - b.length()).orElseThrow();
        String text = CORPUS.paragraphs()
                .sorted((a, b) -> b.length() - a.length())
                .limit(3)
                .map(Paragraph::text)
                .collect(Collectors.joining());
        var texts = Messages.load().texts(Messages.CHINESE);
        CardContent content =
                new CardContent(text, Citations.of(CORPUS, longest.ref(), texts), "摘录机器人", Locale.CHINESE);
        List<Picture> cards = new CardPictures(RENDERER).pictures(content, Theme.LIGHT);
        assertThat(cards.size()).isGreaterThan(1);
        for (int i = 0; i < cards.size(); i++) {
            String n = (i + 1) + "/" + cards.size();
            assertThat(cards.get(i).caption()).endsWith("(" + n + ")");
            assertThat(cards.get(i).fileName()).isEqualTo("card-" + (i + 1) + "-of-" + cards.size() + ".png");
        }
    }
}
