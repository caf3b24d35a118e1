package org.excerptbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import org.excerptbot.core.card.Card;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardRenderer;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.Button;
import org.excerptbot.telegram.fake.FakeBotApi.Call;
import org.excerptbot.telegram.fake.FakeBotApi.Shown;
import org.excerptbot.telegram.fake.FakeBotApi.Upload;
import org.excerptbot.telegram.fake.FakeBotApi.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quote cards over the Bot API: sendPhoto uploads, captions, the card button, and file_id reuse. */
class TelegramCardTest {
    private static final Excerpt TODAY = RealBot.ROTATION.excerptFor(LocalDate.of(2026, 11, 28));
    private static final Texts CHINESE = Messages.load().texts(Messages.CHINESE);

    private TestBot t;
    private FakeBotApi api;

    @BeforeEach
    void start() {
        t = RealBot.start();
        api = t.api;
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private Shown ask(User user, String text) {
        int before = api.messages(user.id()).size();
        api.send(user, text);
        await().until(() -> api.messages(user.id()).size() > before);
        return api.messages(user.id()).get(before);
    }

    private Call call(int index) {
        return api.calls("sendPhoto").get(index);
    }

    private static Card expected(CardContent content) {
        List<Card> cards = new CardRenderer(0).render(content, Theme.LIGHT);
        assertThat(cards).hasSize(1);
        return cards.get(0);
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a readable PNG").isNotNull();
        return image;
    }

    @Test
    void cardUploadsTodaysExcerptAsAPngCaptionedWithItsCitation() throws IOException {
        User ann = api.user(7101, "Ann", "zh-hans");
        Shown shown = ask(ann, "/card");

        assertThat(api.calls("sendPhoto")).hasSize(1);
        assertThat(api.uploads()).hasSize(1);
        Upload upload = api.uploads().get(0);
        assertThat(call(0).params().path("photo").asText()).isEqualTo("attach://card.png");
        assertThat(upload.fileName()).isEqualTo("card.png");
        Card card = expected(CardContent.of(RealBot.CORPUS, TODAY, CHINESE, "摘录机器人"));
        BufferedImage image = decode(upload.bytes());
        assertThat(image.getWidth()).isEqualTo(card.width()).isEqualTo(1080);
        assertThat(image.getHeight()).isEqualTo(card.height());
        assertThat(upload.bytes()).isEqualTo(card.png());

        String citation = Citations.of(RealBot.CORPUS, TODAY.ref(), CHINESE).line();
        assertThat(shown.photo()).isNotNull();
        assertThat(shown.text()).isEqualTo(citation);
        Call call = api.calls("sendPhoto").get(0);
        assertThat(call.params().path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(shown.buttons())
                .extracting(Button::callbackData)
                .containsExactly(
                        "read " + TODAY.ref().document() + " " + TODAY.ref().paragraph());
    }

    @Test
    void theSameCardAgainReusesTheLargestFileIdInsteadOfUploadingAgain() {
        User ann = api.user(7102, "Ann", "zh-hans");
        User bob = api.user(7103, "Bob", "zh-hans");
        Shown first = ask(ann, "/card 1.11");
        Shown second = ask(bob, "/card 1 11");

        assertThat(api.calls("sendPhoto")).hasSize(2);
        assertThat(api.uploads()).hasSize(1);
        assertThat(first.photo().uploaded()).isTrue();
        assertThat(second.photo().uploaded()).isFalse();
        assertThat(api.calls("sendPhoto").get(1).params().path("photo").asText())
                .isEqualTo(first.photo().fileId())
                .endsWith("-y"); // the largest of the sizes the answer listed
        assertThat(second.photo().width()).isEqualTo(1080);
        assertThat(second.text()).endsWith("· 1.11");

        // another card is uploaded afresh
        ask(ann, "/card 1.12");
        assertThat(api.uploads()).hasSize(2);
    }

    @Test
    void theCardButtonUnderAnExcerptSendsItsCardIntoTheSameChat() throws IOException {
        User ann = api.user(7104, "Ann", "zh-hans");
        Shown today = ask(ann, "/today");
        Button card = today.buttons().stream()
                .filter(b -> b.callbackData().startsWith("card "))
                .findFirst()
                .orElseThrow();
        assertThat(card.text()).isEqualTo("🖼 卡片");

        String press = api.press(ann, ann.id(), today.messageId(), card.callbackData());
        await().until(() ->
                api.callbackAnswer(press).isPresent() && api.messages(ann.id()).size() == 2);
        Shown photo = api.last(ann.id());
        assertThat(photo.photo()).isNotNull();
        assertThat(photo.text())
                .isEqualTo(Citations.of(RealBot.CORPUS, TODAY.ref(), CHINESE).line());
        Card expected = expected(CardContent.of(RealBot.CORPUS, TODAY, CHINESE, "摘录机器人"));
        assertThat(decode(api.uploads().get(0).bytes()).getHeight()).isEqualTo(expected.height());
        // the excerpt stays as it was
        assertThat(api.messages(ann.id()).get(0).edits()).isZero();
    }

    @Test
    void aButtonUnderACardOpensTheParagraphAsANewMessage() {
        User ann = api.user(7105, "Ann", "zh-hans");
        Shown card = ask(ann, "/card 2.3");
        Button read = card.buttons().get(0);
        String press = api.press(ann, ann.id(), card.messageId(), read.callbackData());
        await().until(() ->
                api.callbackAnswer(press).isPresent() && api.messages(ann.id()).size() == 2);
        assertThat(api.last(ann.id()).text())
                .contains(RealBot.CORPUS
                        .paragraph(new ParagraphRef(2, 3))
                        .orElseThrow()
                        .text());
    }

    @Test
    void aFileIdTelegramNoLongerKnowsIsUploadedAgain() {
        User ann = api.user(7106, "Ann", "zh-hans");
        ask(ann, "/card 1.11");
        api.forgetPhotos();
        Shown again = ask(ann, "/card 1.11");
        assertThat(again.photo().uploaded()).isTrue();
        assertThat(api.uploads()).hasSize(2);
        assertThat(api.calls("sendPhoto")).extracting(Call::status).containsExactly(200, 400, 200);
    }
}
