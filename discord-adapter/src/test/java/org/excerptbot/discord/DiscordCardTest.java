package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.excerptbot.core.card.CardLimits;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Citations;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.excerptbot.discord.fake.RecordedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quote cards in interaction replies: /card and the card button under an excerpt answer with the card uploaded as
 * an attachment and shown as the embed's image, the citation underneath, as Discord renders it.
 */
class DiscordCardTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T20:30:00Z"), ZoneOffset.UTC);
    private static final Texts ZH = DiscordBot.MESSAGES.texts(Locale.SIMPLIFIED_CHINESE);
    private static DiscordBot bot;
    private static FakeDiscord discord;

    @BeforeAll
    static void start() throws InterruptedException {
        bot = DiscordBot.builtins(CLOCK, DiscordBot.NO_SEARCH, List.of());
        discord = bot.discord;
    }

    @AfterAll
    static void stop() {
        DiscordBot.closeChecked(bot);
    }

    private static String citation(int document, int paragraph) {
        return Citations.of(DiscordBot.CORPUS, new ParagraphRef(document, paragraph), ZH)
                .line();
    }

    /** Asserts that the message shows one PNG card per embed, each embed's image the attachment of that name. */
    static void assertShowsCards(FakeDiscord discord, FakeMessage message) throws IOException {
        assertThat(message.attachments()).isNotEmpty();
        assertThat(message.embeds()).hasSameSizeAs(message.attachments());
        for (int i = 0; i < message.attachments().size(); i++) {
            JsonNode attachment = message.attachments().get(i);
            assertThat(attachment.path("filename").asText()).startsWith("card").endsWith(".png");
            assertThat(message.embeds().get(i).path("image").path("url").asText())
                    .isEqualTo(attachment.path("url").asText());
            byte[] png = discord.download(attachment);
            assertThat((long) png.length).isLessThanOrEqualTo(EmbedRenderer.ATTACHMENT_BYTES_MAX);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("the attachment is a PNG image").isNotNull();
            assertThat(image.getWidth()).isEqualTo(CardLimits.WIDTH);
            assertThat(attachment.path("width").asInt()).isEqualTo(image.getWidth());
            assertThat(attachment.path("height").asInt()).isEqualTo(image.getHeight());
            assertThat(attachment.path("description").asText()).isNotBlank();
        }
    }

    @Test
    void cardOfAParagraphIsAnAttachedPictureShownInTheEmbedWithItsCitation() throws IOException {
        FakeMessage card = discord.awaitReply(discord.slash("card")
                .option("document", 1)
                .option("paragraph", 11)
                .send());

        assertThat(card.ephemeral()).isFalse();
        assertShowsCards(discord, card);
        assertThat(card.title()).isEqualTo(ZH.get("card.title", "1.11"));
        assertThat(card.footer()).startsWith(citation(1, 11));
        assertThat(card.buttonLabels()).containsExactly(ZH.get("action.read.paragraph", "1.11"));
        // what the bot sent: payload_json naming the file part it uploaded
        RecordedCall upload = discord.calls("PATCH", "webhooks/*/*/messages/@original").stream()
                .filter(c -> c.headers().getOrDefault("Content-Type", "").startsWith("multipart/form-data"))
                .findFirst()
                .orElseThrow();
        String filename = card.attachments().get(0).path("filename").asText();
        assertThat(upload.body().path("embeds").get(0).path("image").path("url").asText())
                .isEqualTo("attachment://" + filename);
    }

    @Test
    void todaysCardNeedsNoOption() throws IOException {
        FakeMessage card = discord.awaitReply(discord.slash("card").send());
        assertShowsCards(discord, card);
    }

    @Test
    void theCardButtonUnderAnExcerptAnswersWithTheCardAndLeavesTheExcerpt() throws IOException {
        FakeMessage read = discord.awaitReply(discord.slash("read")
                .option("document", 1)
                .option("paragraph", 11)
                .send());
        assertThat(read.buttonLabels()).contains(ZH.get("action.card"));
        assertThat(read.attachments()).isEmpty();

        FakeDiscord.Sent press = discord.press(read, ZH.get("action.card"));
        FakeMessage card = discord.awaitReply(press);

        assertThat(card.id()).isNotEqualTo(read.id());
        assertShowsCards(discord, card);
        assertThat(card.footer()).startsWith(citation(1, 11));
        FakeMessage excerptNow = discord.message(read.id()).orElseThrow();
        assertThat(excerptNow.version()).isEqualTo(read.version());
        assertThat(excerptNow.attachments()).isEmpty();
    }

    @Test
    void aButtonOnACardTurnsItBackIntoTextWithoutThePicture() {
        FakeMessage card = discord.awaitReply(discord.slash("card")
                .option("document", 1)
                .option("paragraph", 11)
                .send());
        discord.press(card, ZH.get("action.read.paragraph", "1.11"));
        FakeMessage text = discord.awaitEdit(card);
        assertThat(text.attachments()).isEmpty();
        assertThat(text.imageUrl()).isEmpty();
        assertThat(text.footer()).isEqualTo(citation(1, 11));
    }
}
