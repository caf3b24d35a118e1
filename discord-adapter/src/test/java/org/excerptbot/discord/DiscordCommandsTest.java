package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.builtin.BuiltinCommands;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.Document;
import org.excerptbot.core.corpus.Paragraph;
import org.excerptbot.core.corpus.Point;
import org.excerptbot.core.excerpt.DailyRotation;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.search.LuceneSearchIndex;
import org.excerptbot.core.search.SearchIndex;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every slash command of the product, end to end: the real core commands behind the adapter on a real JDA,
 * talking to the fake Discord. The expectations come from the corpus and the message bundles, not from copies.
 */
class DiscordCommandsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T20:30:00Z"), ZoneOffset.UTC);
    private static final Corpus CORPUS = DiscordBot.CORPUS;
    private static final Texts ZH = DiscordBot.MESSAGES.texts(java.util.Locale.SIMPLIFIED_CHINESE);
    private static final Texts EN = DiscordBot.MESSAGES.texts(java.util.Locale.ENGLISH);
    private static DailyRotation rotation;
    private static SearchIndex search;
    private static DiscordBot bot;
    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws InterruptedException {
        ExcerptPool pool = ExcerptPool.build(CORPUS);
        rotation = new DailyRotation(pool, DailyRotation.DEFAULT_SEED);
        search = LuceneSearchIndex.build(CORPUS);
        bot = new DiscordBot(
                BuiltinCommands.registry(
                        CORPUS, rotation, search, ChatZones.fixed(SHANGHAI), CLOCK, new SplittableRandom(7), List.of()),
                search);
        discord = bot.discord;
    }

    @AfterAll
    static void stop() {
        try {
            // every interaction was acknowledged, and Discord accepted every request the bot made
            assertThat(discord.unacknowledged()).isEmpty();
            assertThat(discord.calls(c -> c.status() >= 400)).isEmpty();
        } finally {
            if (bot != null) bot.close();
        }
    }

    private static FakeMessage run(FakeDiscord.Sent sent) {
        return discord.awaitReply(sent);
    }

    private static String citation(Paragraph p) {
        return FakeMessage.read(
                org.excerptbot.core.reply.Citations.of(CORPUS, p.ref(), ZH).line());
    }

    @Test
    void todayShowsTheExcerptOfTheDayInTheChatsZone() {
        // 20:30 UTC on the 28th is already the 29th in Shanghai
        Excerpt today = rotation.excerptFor(LocalDate.of(2026, 11, 29));
        FakeMessage reply = run(discord.slash("today").send());
        assertThat(reply.text()).isEqualTo(today.text());
        assertThat(reply.title()).contains("2026-11-29");
        assertThat(reply.footer())
                .isEqualTo(citation(CORPUS.paragraph(today.ref()).orElseThrow()));
        assertThat(reply.color()).isEqualTo(EmbedRenderer.CONTENT_COLOR);
        assertThat(reply.ephemeral()).isFalse();
        assertThat(reply.buttonLabels())
                .containsExactly(ZH.get("action.read.paragraph", today.ref().position()), ZH.get("action.card"));
    }

    @Test
    void randomShowsAnExcerptOfThePoolWithItsCitation() {
        FakeMessage reply = run(discord.slash("random").send());
        assertThat(rotation.pool().all()).extracting(Excerpt::text).contains(reply.text());
        assertThat(reply.footer()).contains("《");
    }

    @Test
    void principlesAreListedAndShownWhole() {
        FakeMessage list = run(discord.slash("principle").send());
        assertThat(list.title()).isEqualTo(ZH.get("principle.list.title"));
        for (Point p : CORPUS.principles()) assertThat(list.text()).contains(p.name());

        Point second = CORPUS.principles().get(1);
        FakeMessage one = run(discord.slash("principle").option("number", 2).send());
        assertThat(one.title()).isEqualTo(ZH.get("principle.title", 2, second.name()));
        assertThat(one.text()).isEqualTo(second.paragraph().text());
        assertThat(one.footer()).isEqualTo(citation(second.paragraph()));
    }

    @Test
    void proposalsToo() {
        Point fifth = CORPUS.proposals().get(4);
        FakeMessage one = run(discord.slash("proposal").option("number", 5).send());
        assertThat(one.title()).isEqualTo(ZH.get("proposal.title", 5, fifth.name()));
        assertThat(one.text()).isEqualTo(fifth.paragraph().text());
    }

    @Test
    void readShowsAParagraphAndItsButtonsWalkTheText() {
        Document speech = CORPUS.documents().get(0);
        FakeMessage first = run(discord.slash("read")
                .option("document", 1)
                .option("paragraph", 12)
                .send());
        assertThat(first.text()).isEqualTo(speech.body().get(11).text());
        assertThat(first.title()).contains("1.12");
        assertThat(first.buttonLabels())
                .containsExactly(
                        ZH.get("action.previous", "1.11"),
                        ZH.get("action.next", "1.13"),
                        ZH.get("action.card"),
                        ZH.get("action.related.paragraph", "2.5"),
                        ZH.get("action.related.paragraph", "3.2"),
                        ZH.get("action.related.paragraph", "3.5"));

        discord.press(first, ZH.get("action.next", "1.13"));
        FakeMessage next = discord.awaitEdit(first);
        assertThat(next.text()).isEqualTo(speech.body().get(12).text());
        assertThat(next.buttonLabels())
                .startsWith(ZH.get("action.previous", "1.12"), ZH.get("action.next", "1.14"), ZH.get("action.card"));

        discord.press(next, ZH.get("action.previous", "1.12"));
        assertThat(discord.awaitEdit(next).text())
                .isEqualTo(speech.body().get(11).text());
    }

    @Test
    void readWithoutAParagraphOpensTheFirstAndTheLastLeadsToTheNextText() {
        FakeMessage first = run(discord.slash("read").option("document", 2).send());
        Document second = CORPUS.documents().get(1);
        assertThat(first.text()).isEqualTo(second.body().get(0).text());
        int last = CORPUS.documents().get(0).body().size();
        assertThat(first.buttonLabels())
                .containsExactly(
                        ZH.get("action.previous", "1." + last), ZH.get("action.next", "2.2"), ZH.get("action.card"));
    }

    @Test
    void aParagraphPastTheEndOfAShortTextIsAPrivateError() {
        Document second = CORPUS.documents().get(1);
        int past = second.body().size() + 1;
        FakeMessage reply = run(discord.slash("read")
                .option("document", 2)
                .option("paragraph", past)
                .send());
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.color()).isEqualTo(EmbedRenderer.ERROR_COLOR);
        assertThat(reply.text())
                .isEqualTo(ZH.format(
                        "command.read.error.paragraph.range",
                        java.util.Map.of("document", 2, "max", second.body().size(), "value", past)));
        assertThat(reply.buttonLabels()).isEmpty();
    }

    @Test
    void searchMarksTheMatchesCitesEachHitAndPagesWithButtons() {
        FakeMessage page1 = run(discord.slash("search").option("query", "网络").send());
        assertThat(page1.title()).startsWith("搜索“网络”").contains("第 1/");
        List<com.fasterxml.jackson.databind.JsonNode> fields =
                iterable(page1.embed().path("fields"));
        assertThat(fields).hasSize(5);
        assertThat(fields).allSatisfy(f -> {
            assertThat(f.path("value").asText()).contains("**网络**");
            assertThat(f.path("name").asText()).contains("《");
        });
        String next = ZH.get("action.page.next", 2);
        assertThat(page1.buttonLabels()).contains(next);

        discord.press(page1, next);
        FakeMessage page2 = discord.awaitEdit(page1);
        assertThat(page2.title()).contains("第 2/");
        assertThat(page2.buttonLabels()).contains(ZH.get("action.page.previous", 1));
    }

    @Test
    void searchOpensAHitWithItsButton() {
        FakeMessage results =
                run(discord.slash("search").option("query", "互联互通").send());
        String open = results.buttonLabels().stream()
                .filter(l -> l.startsWith("📖"))
                .findFirst()
                .orElseThrow();
        discord.press(results, open);
        FakeMessage paragraph = discord.awaitEdit(results);
        String position = open.substring(open.indexOf(' ') + 1);
        assertThat(paragraph.title()).contains(position);
        assertThat(paragraph.text()).contains("互联互通");
    }

    @Test
    void searchWithNothingFoundSaysSoAndATooLongQueryIsAPrivateError() {
        FakeMessage none = run(discord.slash("search").option("query", "量子引力").send());
        assertThat(none.text()).startsWith(ZH.get("search.none", "量子引力"));
        assertThat(none.ephemeral()).isFalse();
        FakeMessage filter =
                run(discord.slash("search").option("query", "in:9 网络").send());
        assertThat(filter.ephemeral()).isTrue();
        assertThat(filter.text()).isEqualTo(ZH.get("error.search.filter", 9, 4));
    }

    @Test
    void searchThisOnAMessageSearchesItsTextAsSlashSearchWould() {
        FakeMessage said = discord.post(discord.reader, discord.general, "  互联互通 ");
        FakeMessage found =
                run(discord.messageCommand(SlashCommands.SEARCH_THIS, said).send());
        FakeMessage searched =
                run(discord.slash("search").option("query", "互联互通").send());
        assertThat(found.ephemeral()).isFalse();
        assertThat(found.title()).isEqualTo(searched.title());
        assertThat(found.allText()).isEqualTo(searched.allText());
        assertThat(found.buttonLabels()).isEqualTo(searched.buttonLabels());
    }

    @Test
    void searchThisOnALongMessageSearchesItsFirstHundredCharacters() {
        String words = "网络 ".repeat(60);
        FakeMessage said = discord.post(discord.reader, discord.general, words);
        FakeMessage found =
                run(discord.messageCommand(SlashCommands.SEARCH_THIS, said).send());
        String query = InteractionTranslator.firstCharacters(words.strip(), 100);
        assertThat(query.length()).isLessThanOrEqualTo(100).isGreaterThan(90);
        FakeMessage searched =
                run(discord.slash("search").option("query", query).send());
        assertThat(found.ephemeral()).isFalse();
        assertThat(found.allText()).isEqualTo(searched.allText());
    }

    @Test
    void searchThisOnAMessageWithoutTextIsAPrivateHint() {
        FakeMessage said = discord.post(discord.reader, discord.general, "");
        FakeMessage hint =
                run(discord.messageCommand(SlashCommands.SEARCH_THIS, said).send());
        assertThat(hint.ephemeral()).isTrue();
        assertThat(hint.color()).isEqualTo(EmbedRenderer.ERROR_COLOR);
    }

    @Test
    void searchIsAutocompletedWithCorpusPhrases() {
        List<String> offered = discord.awaitChoiceValues(
                discord.autocomplete("search").focus("query", "互联").send());
        assertThat(offered).isNotEmpty().hasSizeLessThanOrEqualTo(25).isEqualTo(search.suggest("互联", 25));
        assertThat(offered).allSatisfy(s -> assertThat(s).contains("互联"));
    }

    @Test
    void docsListsTheFourTexts() {
        FakeMessage reply = run(discord.slash("docs").send());
        assertThat(reply.title()).isEqualTo(ZH.get("docs.title"));
        for (Document d : CORPUS.documents())
            assertThat(reply.allText()).contains(d.info().title());
    }

    @Test
    void aboutShowsTheSourcesAndTheErratum() {
        FakeMessage reply = run(discord.slash("about").send());
        assertThat(reply.title()).isEqualTo(ZH.get("about.title"));
        assertThat(CORPUS.errata()).isNotEmpty();
        String text = FakeMessage.read(reply.allText());
        CORPUS.errata().forEach(e -> assertThat(text).contains(e.corrected()));
    }

    @Test
    void englishClientsReadTheInterfaceInEnglish() {
        Point first = CORPUS.principles().get(0);
        FakeMessage reply = run(discord.slash("principle")
                .by(discord.englishReader)
                .option("number", 1)
                .send());
        assertThat(reply.title()).isEqualTo(EN.get("principle.title", 1, first.name()));
        FakeMessage error = run(discord.slash("read")
                .by(discord.englishReader)
                .option("document", 3)
                .option("paragraph", CORPUS.documents().get(2).body().size() + 1)
                .send());
        assertThat(error.text()).startsWith("Document 3 has");
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> iterable(com.fasterxml.jackson.databind.JsonNode n) {
        List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
        n.forEach(out::add);
        return out;
    }
}
