package org.excerptbot.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.excerptbot.app.CoreServices;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.excerptbot.core.card.CardKey;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.platform.PlatformAdapter;
import org.excerptbot.core.reply.Picture;
import org.excerptbot.core.script.Script;
import org.excerptbot.telegram.TelegramPlatformFactory;
import org.excerptbot.telegram.TelegramSettings;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.FakeBotApi.InlineAnswer;
import org.excerptbot.telegram.fake.FakeBotApi.InlineResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cards behind inline mode's photo results: the Telegram adapter, told the public URL of the HTTP server,
 * links every passage's card there, and the HTTP server answers each link with that card's PNG, cacheable and
 * revalidated by ETag. Everything over loopback, the Bot API faked.
 */
class CardFilesTest {
    private static final String TOKEN = "7000000001:AAE-secret_TOKEN-value-1234567890xyz";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T02:00:00Z"), ZoneOffset.UTC);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OpsServer server;
    private CoreServices core;
    private FakeBotApi api;
    private PlatformAdapter telegram;

    @BeforeEach
    void start() {
        server = OpsServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new HealthRegistry(500),
                new MicrometerBotMetrics());
        String publicUrl = "http://127.0.0.1:" + server.port() + "/";
        AppConfig config = ConfigLoader.load(
                Map.of(
                        "http.port", String.valueOf(server.port()),
                        "http.public-url", publicUrl,
                        "telegram.token", TOKEN),
                Map.of(),
                Optional.empty());
        assertThat(config.publicUrl()).hasValue(URI.create("http://127.0.0.1:" + server.port()));
        core = CoreServices.build(config, CLOCK, ChatZones.fixed(ZONE));
        server.mount(new CardFiles(core.cards()).route());
        api = FakeBotApi.start(TOKEN);
    }

    @AfterEach
    void stop() {
        if (telegram != null) telegram.close();
        if (api != null) api.close();
        if (server != null) server.close();
    }

    private static HttpResponse<byte[]> get(String url, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (ifNoneMatch != null) request.header("If-None-Match", ifNoneMatch);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void inlinePhotoResultsLinkCardsTheServerAnswersWithThePng() throws Exception {
        telegram = new TelegramPlatformFactory(TelegramSettings.of(TOKEN, URI.create(api.url())))
                .create(core.platformContext(ChatStatusListener.IGNORE, ZONE));
        telegram.start();
        FakeBotApi.User ann = api.user(7301, "Ann", "zh-hans");

        String query = api.inlineQuery(ann, "互联互通", "");
        await().until(() -> api.inlineAnswer(query).isPresent());
        InlineAnswer answer = api.inlineAnswer(query).get();

        InlineResult card = answer.results().stream()
                .filter(InlineResult::photo)
                .findFirst()
                .orElseThrow();
        assertThat(card.photoUrl()).startsWith(url("/cards/")).endsWith("-light.jpg");
        String key = card.photoUrl()
                .substring(url("/cards/").length(), card.photoUrl().length() - ".jpg".length());
        assertThat(card.thumbnailUrl()).isEqualTo(url("/cards/" + key + ".thumb.jpg"));

        // Telegram fetches the photo and the thumbnail, both JPEG
        HttpResponse<byte[]> photo = get(card.photoUrl(), null);
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(photo.headers().firstValue("Cache-Control")).hasValue("public, max-age=2592000");
        assertThat(Arrays.copyOf(photo.body(), 3)).isEqualTo(JPEG_SIGNATURE);
        Picture expected =
                core.cards().firstCard(CardKey.parse(key).orElseThrow()).orElseThrow();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(photo.body()));
        assertThat(decoded.getWidth()).isEqualTo(1080);
        assertThat(decoded.getHeight()).isEqualTo(expected.height());
        HttpResponse<byte[]> thumbnail = get(card.thumbnailUrl(), null);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.body())).getWidth())
                .isEqualTo(320);

        // the PNG that /card sends is there too, byte for byte
        HttpResponse<byte[]> png = get(url("/cards/" + key + ".png"), null);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.body()).isEqualTo(expected.png());
        assertThat(png.headers().firstValue("ETag")).hasValue("\"" + expected.sha256() + "\"");

        String etag = photo.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isNotEqualTo(png.headers().firstValue("ETag").orElseThrow());
        HttpResponse<byte[]> again = get(card.photoUrl(), etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(get(card.photoUrl(), null).body()).as("the same bytes again").isEqualTo(photo.body());
    }

    @Test
    void everyCardKeyFormServesItsCard() throws Exception {
        String excerpt =
                core.rotation().excerptFor(java.time.LocalDate.of(2026, 11, 28)).id();
        for (String path :
                new String[] {"/cards/1.11-light.png", "/cards/1.11-dark-en.png", "/cards/" + excerpt + "-dark.png"}) {
            HttpResponse<byte[]> r = get(url(path), null);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(Arrays.copyOf(r.body(), 8)).as(path).isEqualTo(PNG_SIGNATURE);
        }
        Picture light =
                core.cards().firstCard(new CardKey("1.11", Theme.LIGHT, false)).orElseThrow();
        Picture dark =
                core.cards().firstCard(new CardKey("1.11", Theme.DARK, false)).orElseThrow();
        assertThat(light.sha256()).isNotEqualTo(dark.sha256());
    }

    @Test
    void aTraditionalKeyServesTheTraditionalCardApartFromTheSimplifiedOne() throws Exception {
        HttpResponse<byte[]> simplified = get(url("/cards/1.11-light.png"), null);
        HttpResponse<byte[]> traditional = get(url("/cards/1.11-light-hant.png"), null);
        assertThat(traditional.statusCode()).isEqualTo(200);
        CardKey key = CardKey.parse("1.11-light-hant").orElseThrow();
        assertThat(key.script()).isEqualTo(Script.TRADITIONAL);
        Picture expected = core.cards().firstCard(key).orElseThrow();
        assertThat(traditional.body()).isEqualTo(expected.png()).isNotEqualTo(simplified.body());
        assertThat(expected.altText()).contains("網絡空間").doesNotContain("网络空间");
        assertThat(expected.caption()).endsWith("· 1.11（繁體轉換）");
        assertThat(traditional.headers().firstValue("ETag"))
                .isNotEqualTo(simplified.headers().firstValue("ETag"));
        // the JPEGs are kept apart too
        byte[] simplifiedJpeg = get(url("/cards/1.11-light.jpg"), null).body();
        byte[] traditionalJpeg = get(url("/cards/1.11-light-hant.jpg"), null).body();
        assertThat(traditionalJpeg).isNotEqualTo(simplifiedJpeg);
        assertThat(get(url("/cards/1.11-dark-en-hant.thumb.jpg"), null).statusCode())
                .isEqualTo(200);
        assertThat(get(url("/cards/1.11-light-hant-en.png"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void aBadKeyIsNotFoundAndNeverAStackTrace() throws Exception {
        for (String path : new String[] {
            "/cards/9.1-light.png", // no such document
            "/cards/1.9999-light.png", // no such paragraph
            "/cards/01.11-light.png", // not the canonical name
            "/cards/1.11-blue.png", // no such theme
            "/cards/1.11-light-fr.png", // no such language
            "/cards/1.11-light.gif",
            "/cards/1.11-light.thumb.png",
            "/cards/1.11-light",
            "/cards/",
            "/cards/..%2Fhealthz",
            "/cards/1.11-light.png/x",
            "/cards/1.11.99-light.png" // no such excerpt
        }) {
            HttpResponse<byte[]> r = get(url(path), null);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .as(path)
                    .isEqualTo("no such card\n");
        }
        HttpResponse<String> post = CLIENT.send(
                HttpRequest.newBuilder(URI.create(url("/cards/1.11-light.png")))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
