package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.excerptbot.core.card.CardScripts;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.core.script.ChatScripts;
import org.excerptbot.core.script.MemoryPreferences;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptConverter;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.InlineAnswer;
import org.excerptbot.telegram.fake.FakeBotApi.InlineResult;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Quote cards in inline mode: by the public URL of the bot's HTTP server when there is one, by the file_id of an
 * earlier upload otherwise, and text only when neither is available. The fake Bot API checks every result as
 * Telegram does (photo_url and thumbnail_url, known file_ids, ids of at most 64 bytes, at most 50 results).
 */
class TelegramInlineCardTest {
    private static final Excerpt TODAY = RealBot.ROTATION.excerptFor(LocalDate.of(2026, 11, 28));
    private static final URI PUBLIC = URI.create("https://cards.example.org");

    private TestBot t;
    private FakeBotApi api;

    private void start(Optional<URI> publicUrl) {
        start(publicUrl, CardScripts.SIMPLIFIED);
    }

    private void start(Optional<URI> publicUrl, CardScripts cardScripts) {
        InlineSource inline = new CorpusInlineSource(
                RealBot.CORPUS,
                RealBot.ROTATION,
                RealBot.SEARCH,
                RealBot.ZONE,
                RealBot.CLOCK,
                Messages.load(),
                publicUrl,
                cardScripts);
        t = new TestBot(RealBot.registry(), inline, RealBot.CLOCK);
        api = t.api;
    }

    @AfterEach
    void stop() {
        if (t != null) t.close();
    }

    private InlineAnswer answer(String queryId) {
        await().until(() -> api.inlineAnswer(queryId).isPresent());
        return api.inlineAnswer(queryId).get();
    }

    @Test
    void withAPublicUrlEveryPassageAlsoOffersItsCardByUrl() {
        start(Optional.of(PUBLIC));
        User ann = api.user(7201, "Ann", "zh-hans");

        InlineAnswer answer = answer(api.inlineQuery(ann, "网络", ""));

        List<InlineResult> results = answer.results();
        assertThat(results).hasSizeGreaterThan(2).hasSizeLessThanOrEqualTo(50);
        assertThat(results.size() % 2).isZero();
        for (int i = 0; i < results.size(); i += 2) {
            InlineResult text = results.get(i);
            InlineResult card = results.get(i + 1);
            assertThat(text.photo()).isFalse();
            assertThat(card.photo()).isTrue();
            assertThat(card.id()).isEqualTo("card-" + text.id());
            String url = "https://cards.example.org/cards/" + text.id() + "-light";
            assertThat(card.photoUrl()).isEqualTo(url + ".jpg");
            assertThat(card.thumbnailUrl()).isEqualTo(url + ".thumb.jpg");
            assertThat(card.photoFileId()).isNull();
        }
        InlineResult first = results.get(1);
        String position = results.get(0).id();
        assertThat(first.caption())
                .isEqualTo(Citations.of(
                                RealBot.CORPUS,
                                org.excerptbot.core.corpus.ParagraphRef.parse(position)
                                        .orElseThrow(),
                                Messages.load().texts(Messages.CHINESE))
                        .line());
        // twenty-five passages a page, each as text and as a card
        if (results.size() == 50) assertThat(answer.nextOffset()).isEqualTo("25");
        assertThat(api.uploads()).as("nothing rendered or uploaded to answer").isEmpty();
    }

    @Test
    void aReaderOfTraditionalCharactersIsOfferedTheTraditionalCardAndTheAnswerIsPersonal() {
        MemoryPreferences preferences = new MemoryPreferences();
        ChatScripts scripts = new ChatScripts(preferences, ScriptConverter.hongKong());
        start(Optional.of(PUBLIC), scripts::scriptOf);
        User mei = api.user(7205, "Mei", "zh-hant");
        User lin = api.user(7206, "Lin", "zh-hans");

        InlineAnswer traditional = answer(api.inlineQuery(mei, "", ""));
        InlineResult card = traditional.results().get(1);
        assertThat(card.photoUrl()).isEqualTo("https://cards.example.org/cards/" + TODAY.id() + "-light-hant.jpg");
        assertThat(card.thumbnailUrl()).endsWith("/cards/" + TODAY.id() + "-light-hant.thumb.jpg");
        var chinese = Messages.load().texts(Messages.CHINESE);
        assertThat(card.caption())
                .isEqualTo(ScriptConverter.hongKong()
                        .toTraditional(Citations.of(RealBot.CORPUS, TODAY.ref(), chinese), chinese)
                        .line())
                .contains("《建立新的全球互聯網治理體系》")
                .endsWith("（繁體轉換）");
        assertThat(traditional.personal())
                .as("another reader may read another script")
                .isTrue();

        InlineAnswer simplified = answer(api.inlineQuery(lin, "", ""));
        assertThat(simplified.results().get(1).photoUrl())
                .isEqualTo("https://cards.example.org/cards/" + TODAY.id() + "-light.jpg");

        // the reader's private chat chose simplified
        preferences.setScript(
                new ChatRef(Platform.TELEGRAM, "7205", ChatType.PRIVATE), Script.SIMPLIFIED, Instant.EPOCH);
        assertThat(answer(api.inlineQuery(mei, "", "")).results().get(1).photoUrl())
                .endsWith("/cards/" + TODAY.id() + "-light.jpg");
    }

    @Test
    void englishReadersGetTheCardCitedInEnglish() {
        start(Optional.of(PUBLIC));
        User bob = api.user(7202, "Bob", "en");

        InlineAnswer answer = answer(api.inlineQuery(bob, "", ""));

        assertThat(answer.results())
                .extracting(InlineResult::id)
                .containsExactly("today-" + TODAY.id(), "card-today-" + TODAY.id());
        assertThat(answer.results().get(1).photoUrl())
                .isEqualTo("https://cards.example.org/cards/" + TODAY.id() + "-light-en.jpg");
    }

    @Test
    void withoutAPublicUrlACardUploadedBeforeIsOfferedByItsFileId() {
        start(Optional.empty());
        User ann = api.user(7203, "Ann", "zh-hans");

        InlineAnswer before = answer(api.inlineQuery(ann, "", ""));
        assertThat(before.results()).extracting(InlineResult::photo).containsExactly(false);

        int shownBefore = api.messages(ann.id()).size();
        api.send(ann, "/card");
        await().until(() -> api.messages(ann.id()).size() > shownBefore);
        Shown card = api.messages(ann.id()).get(shownBefore);
        assertThat(card.photo()).isNotNull();
        assertThat(api.uploads()).hasSize(1);

        // the bot learns the file_id from sendPhoto's answer, a moment after the fake has shown the photo
        InlineAnswer after = await().until(
                        () -> answer(api.inlineQuery(ann, "", "")),
                        a -> a.results().size() == 2);
        InlineResult cached = after.results().get(1);
        assertThat(cached.id()).isEqualTo("card-today-" + TODAY.id());
        assertThat(cached.photo()).isTrue();
        assertThat(cached.photoFileId()).isEqualTo(card.photo().fileId());
        assertThat(cached.photoUrl()).isNull();
        assertThat(cached.caption())
                .isEqualTo(Citations.of(
                                RealBot.CORPUS, TODAY.ref(), Messages.load().texts(Messages.CHINESE))
                        .line());
        assertThat(api.uploads()).as("no upload to answer inline").hasSize(1);

        // the same card cited in English was never uploaded: text only for an English reader
        User bob = api.user(7204, "Bob", "en");
        InlineAnswer english = answer(api.inlineQuery(bob, "", ""));
        assertThat(english.results()).extracting(InlineResult::photo).containsExactly(false);
    }

    @Test
    void withNeitherOnlyTextIsOfferedFiftyPassagesAPage() {
        start(Optional.empty());
        User ann = api.user(7205, "Ann", "zh-hans");

        InlineAnswer answer = answer(api.inlineQuery(ann, "网络", ""));

        assertThat(answer.results()).isNotEmpty().noneMatch(InlineResult::photo);
        if (answer.results().size() == 50) assertThat(answer.nextOffset()).isEqualTo("50");
    }
}
