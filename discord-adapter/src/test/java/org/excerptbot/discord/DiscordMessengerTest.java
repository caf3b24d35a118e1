package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardPictures;
import org.excerptbot.core.card.CardRenderer;
import org.excerptbot.core.card.Theme;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.delivery.ChatStatusListener;
import org.excerptbot.core.delivery.MutableClock;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Citation;
import org.excerptbot.core.reply.Picture;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.excerptbot.discord.fake.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Daily posts to channels through the fake Discord's REST API: what arrives, and every way it can fail. */
class DiscordMessengerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:00Z"));
    private final List<String> forbidden = new ArrayList<>();
    private FakeDiscord discord;
    private DiscordMessenger messenger;
    private ChatRef general;
    private ChatRef announcements;

    private static final Reply POST = Reply.builder(Reply.Kind.CONTENT)
            .title("今日摘录")
            .section(Section.cited(
                    List.of(Span.plain("互联网是人类的共同家园。")),
                    new Citation("在第二届世界互联网大会开幕式上的讲话", "习近平", LocalDate.of(2015, 12, 16), Optional.of("1.9"))))
            .build();

    @BeforeEach
    void start() {
        discord = new FakeDiscord(clock);
        ChatStatusListener listener = new ChatStatusListener() {
            @Override
            public void chatForbidden(ChatRef chat, String reason) {
                forbidden.add(chat.id() + " " + reason);
            }

            @Override
            public void chatMigrated(ChatRef chat, String newChatId) {}
        };
        messenger = new DiscordMessenger(
                new OkHttpClient(), discord.apiUrl(), FakeDiscord.TOKEN, new EmbedRenderer(), listener, clock);
        general = new ChatRef(Platform.DISCORD, discord.general.id(), ChatType.GROUP);
        announcements = new ChatRef(Platform.DISCORD, discord.announcements.id(), ChatType.CHANNEL);
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    @Test
    void postsTheExcerptAsAnEmbedWithItsCitation() {
        SendOutcome outcome = messenger.send(general, POST);
        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        List<FakeMessage> shown = discord.messagesIn(discord.general);
        assertThat(shown).hasSize(1);
        FakeMessage post = shown.get(0);
        assertThat(((SendOutcome.Sent) outcome).messageId()).isEqualTo(post.id());
        assertThat(post.title()).isEqualTo("今日摘录");
        assertThat(post.description()).isEqualTo("互联网是人类的共同家园。");
        assertThat(post.footer()).isEqualTo("习近平《在第二届世界互联网大会开幕式上的讲话》，2015-12-16 · 1.9");
        assertThat(post.color()).isEqualTo(EmbedRenderer.CONTENT_COLOR);
        RecordedCall call = discord.calls("POST", "channels/*/messages").get(0);
        assertThat(call.headers().get("Authorization")).isEqualTo("Bot " + FakeDiscord.TOKEN);
        assertThat(call.headers().get("User-Agent")).startsWith("DiscordBot (");
    }

    /** Today's post as a quote card: the real card of paragraph 1.11, as /card makes it. */
    private static final Reply CARD_POST = Reply.builder(Reply.Kind.CONTENT)
            .title("今日摘录")
            .section(POST.sections().get(0))
            .picture(new CardPictures(new CardRenderer())
                    .pictures(
                            CardContent.of(
                                    DiscordBot.CORPUS,
                                    DiscordBot.CORPUS
                                            .paragraph(new ParagraphRef(1, 11))
                                            .orElseThrow(),
                                    DiscordBot.MESSAGES.texts(Locale.SIMPLIFIED_CHINESE),
                                    "摘录机器人"),
                            Theme.LIGHT)
                    .get(0))
            .build();

    @Test
    void aCardPostIsOneUploadOfThePngShownInTheEmbed() {
        SendOutcome outcome = messenger.send(general, CARD_POST);

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        List<RecordedCall> calls = discord.calls("POST", "channels/*/messages");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).headers().get("Content-Type")).startsWith("multipart/form-data");
        Picture card = CARD_POST.pictures().get(0);
        assertThat(calls.get(0)
                        .body()
                        .path("embeds")
                        .get(0)
                        .path("image")
                        .path("url")
                        .asText())
                .isEqualTo("attachment://" + card.fileName());
        List<FakeMessage> shown = discord.messagesIn(discord.general);
        assertThat(shown).hasSize(1);
        FakeMessage post = shown.get(0);
        assertThat(((SendOutcome.Sent) outcome).messageId()).isEqualTo(post.id());
        assertThat(post.attachments()).hasSize(1);
        assertThat(discord.download(post.attachments().get(0))).isEqualTo(card.png());
        assertThat(post.imageUrl())
                .isEqualTo(post.attachments().get(0).path("url").asText());
        assertThat(post.title()).isEqualTo("今日摘录");
        assertThat(post.footer()).isEqualTo(card.caption());
    }

    @Test
    void aSetOfCardsIsOneMessageWithEachCardInItsOwnEmbed() {
        Picture card = CARD_POST.pictures().get(0);
        byte[] png = card.png();
        Reply.Builder set = Reply.builder(Reply.Kind.CONTENT).title("摘录卡片");
        for (int i = 1; i <= 3; i++) {
            set.picture(new Picture(
                    png,
                    "card-" + i + "-of-3.png",
                    card.width(),
                    card.height(),
                    card.altText(),
                    card.caption() + " (" + i + "/3)"));
        }

        assertThat(messenger.send(general, set.build())).isInstanceOf(SendOutcome.Sent.class);

        FakeMessage post = discord.messagesIn(discord.general).get(0);
        assertThat(post.attachments())
                .extracting(a -> a.path("filename").asText())
                .containsExactly("card-1-of-3.png", "card-2-of-3.png", "card-3-of-3.png");
        assertThat(post.embeds()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode embed = post.embeds().get(i);
            assertThat(embed.path("image").path("url").asText())
                    .isEqualTo(post.attachments().get(i).path("url").asText());
            assertThat(embed.path("footer").path("text").asText()).endsWith("(" + (i + 1) + "/3)");
            assertThat(discord.download(post.attachments().get(i))).isEqualTo(png);
        }
        assertThat(post.title()).isEqualTo("摘录卡片");
        assertThat(post.embeds().get(1).path("title").isMissingNode()).isTrue();
    }

    @Test
    void cardsOverDiscordsUploadLimitAreShownAsText() {
        Picture card = CARD_POST.pictures().get(0);
        byte[] huge = java.util.Arrays.copyOf(card.png(), 6 * 1024 * 1024);
        Reply.Builder tooMuch =
                Reply.builder(Reply.Kind.CONTENT).section(POST.sections().get(0));
        for (int i = 1; i <= 2; i++) {
            tooMuch.picture(new Picture(
                    huge, "card-" + i + "-of-2.png", card.width(), card.height(), card.altText(), card.caption()));
        }

        assertThat(messenger.send(general, tooMuch.build())).isInstanceOf(SendOutcome.Sent.class);

        FakeMessage post = discord.messagesIn(discord.general).get(0);
        assertThat(post.attachments()).isEmpty();
        assertThat(post.description()).isEqualTo("互联网是人类的共同家园。");
        assertThat(discord.calls("POST", "channels/*/messages").get(0).headers().get("Content-Type"))
                .startsWith("application/json");
    }

    @Test
    void aRateLimitedCardPostIsNotShownAndGoesOutOnceWhenRetried() {
        discord.rateLimitNext("POST", "channels/*/messages", Duration.ofSeconds(2), false);
        assertThat(messenger.send(general, CARD_POST)).isEqualTo(new SendOutcome.RateLimited(Duration.ofSeconds(2)));
        assertThat(discord.messagesIn(discord.general)).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(messenger.send(general, CARD_POST)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(discord.messagesIn(discord.general)).hasSize(1);
        assertThat(discord.messagesIn(discord.general).get(0).attachments()).hasSize(1);
    }

    @Test
    void aCardPostToAForbiddenChannelIsForbiddenLikeText() {
        discord.fault(discord.general, FakeDiscord.ChannelFault.MISSING_PERMISSIONS);
        SendOutcome outcome = messenger.send(general, CARD_POST);
        assertThat(outcome).isInstanceOf(SendOutcome.Forbidden.class);
        assertThat(forbidden).containsExactly(discord.general.id() + " 403 50013 Missing Permissions");
    }

    private DiscordMessenger publishing() {
        return new DiscordMessenger(
                new OkHttpClient(),
                discord.apiUrl(),
                FakeDiscord.TOKEN,
                new EmbedRenderer(),
                ChatStatusListener.IGNORE,
                clock,
                id -> id.equals(discord.news.id()));
    }

    private List<RecordedCall> crossposts() {
        return discord.calls("POST", "channels/*/messages/*/crosspost");
    }

    @Test
    void aPostInAnAnnouncementChannelIsPublishedToItsFollowers() {
        DiscordMessenger messenger = publishing();
        ChatRef news = new ChatRef(Platform.DISCORD, discord.news.id(), ChatType.CHANNEL);

        SendOutcome outcome = messenger.send(news, POST);

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        FakeMessage post = discord.messagesIn(discord.news).get(0);
        assertThat(post.crossposted()).isTrue();
        assertThat(crossposts()).hasSize(1);
        assertThat(crossposts().get(0).path())
                .isEqualTo("channels/" + discord.news.id() + "/messages/" + post.id() + "/crosspost");
        assertThat(messenger.send(general, POST)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(crossposts()).as("a text channel's post is not published").hasSize(1);
    }

    @Test
    void atMostTenPublishesAnHourAChannelTheRestSkippedWithoutARequest() {
        DiscordMessenger messenger = publishing();
        ChatRef news = new ChatRef(Platform.DISCORD, discord.news.id(), ChatType.CHANNEL);
        Instant first = clock.instant();
        for (int i = 0; i < 12; i++) {
            assertThat(messenger.send(news, POST)).isInstanceOf(SendOutcome.Sent.class);
            clock.advance(Duration.ofMinutes(1));
        }
        List<FakeMessage> posts = discord.messagesIn(discord.news);
        assertThat(posts).hasSize(12);
        assertThat(posts.stream().filter(FakeMessage::crossposted)).hasSize(10);
        assertThat(posts.subList(10, 12)).noneMatch(FakeMessage::crossposted);
        assertThat(crossposts()).hasSize(10);
        assertThat(discord.calls(c -> c.status() == 429)).isEmpty();

        // an hour after the first publish, one is free again
        clock.advance(Duration.between(clock.instant(), first.plus(Duration.ofHours(1))));
        assertThat(messenger.send(news, POST)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(discord.messagesIn(discord.news).get(12).crossposted()).isTrue();
        assertThat(crossposts()).hasSize(11);
    }

    @Test
    void aRefusedPublishIsNotRetriedAndThePostStillCountsAsSent() {
        DiscordMessenger messenger = publishing();
        ChatRef news = new ChatRef(Platform.DISCORD, discord.news.id(), ChatType.CHANNEL);
        discord.refuseNext("POST", "channels/*/messages/*/crosspost", 403, 50013, "Missing Permissions");

        assertThat(messenger.send(news, POST)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(crossposts()).hasSize(1);
        assertThat(forbidden).as("the channel still takes posts").isEmpty();

        // a 429 on publishing: no publish is tried until its retry_after has passed
        discord.rateLimitNext("POST", "channels/*/messages/*/crosspost", Duration.ofMinutes(40), false);
        clock.advance(Duration.ofMinutes(1));
        assertThat(messenger.send(news, POST)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(crossposts()).hasSize(2);
        clock.advance(Duration.ofMinutes(20));
        assertThat(messenger.send(news, POST)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(crossposts()).hasSize(2);
        clock.advance(Duration.ofMinutes(20));
        assertThat(messenger.send(news, POST)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(crossposts()).hasSize(3);
        List<FakeMessage> posts = discord.messagesIn(discord.news);
        assertThat(posts).hasSize(4);
        assertThat(posts.get(3).crossposted()).isTrue();
        assertThat(posts.subList(0, 3)).noneMatch(FakeMessage::crossposted);
    }

    @Test
    void missingAccessAndUnknownChannelForbidThePost() {
        discord.fault(discord.general, FakeDiscord.ChannelFault.MISSING_ACCESS);
        discord.fault(discord.announcements, FakeDiscord.ChannelFault.UNKNOWN_CHANNEL);
        SendOutcome access = messenger.send(general, POST);
        SendOutcome unknown = messenger.send(announcements, POST);
        assertThat(access).isInstanceOf(SendOutcome.Forbidden.class);
        assertThat(((SendOutcome.Forbidden) access).reason()).contains("50001").contains("Missing Access");
        assertThat(unknown).isInstanceOf(SendOutcome.Forbidden.class);
        assertThat(((SendOutcome.Forbidden) unknown).reason()).contains("10003").contains("Unknown Channel");
        assertThat(forbidden)
                .containsExactly(
                        discord.general.id() + " 403 50001 Missing Access",
                        discord.announcements.id() + " 404 10003 Unknown Channel");
        assertThat(discord.messagesIn(discord.general)).isEmpty();
    }

    @Test
    void a429IsReportedWithItsRetryAfterAndHonouredBeforeTheNextRequest() {
        discord.rateLimitNext("POST", "channels/*/messages", Duration.ofMillis(2500), false);
        SendOutcome limited = messenger.send(general, POST);
        // the body says 2.5 s, the header rounds up to 3 s: the longer wins
        assertThat(limited).isEqualTo(new SendOutcome.RateLimited(Duration.ofSeconds(3)));
        assertThat(messenger.send(general, POST)).isEqualTo(new SendOutcome.RateLimited(Duration.ofSeconds(3)));
        assertThat(discord.calls("POST", "channels/*/messages")).hasSize(1);
        // another channel is another bucket
        assertThat(messenger.send(announcements, POST)).isInstanceOf(SendOutcome.Sent.class);
        clock.advance(Duration.ofSeconds(3));
        assertThat(messenger.send(general, POST)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(discord.messagesIn(discord.general)).hasSize(1);
    }

    @Test
    void aGlobalRateLimitPausesEveryChannel() {
        discord.rateLimitNext("POST", "channels/*/messages", Duration.ofSeconds(2), true);
        assertThat(messenger.send(general, POST)).isEqualTo(new SendOutcome.RateLimited(Duration.ofSeconds(2)));
        assertThat(messenger.send(announcements, POST)).isEqualTo(new SendOutcome.RateLimited(Duration.ofSeconds(2)));
        assertThat(discord.calls("POST", "channels/*/messages")).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(messenger.send(announcements, POST)).isInstanceOf(SendOutcome.Sent.class);
    }

    @Test
    void anExhaustedBucketIsWaitedOutWithoutSpendingARequest() {
        discord.bucketLimit("POST channels/*/messages", 2);
        assertThat(messenger.send(general, POST)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(messenger.send(general, POST)).isInstanceOf(SendOutcome.Sent.class);
        SendOutcome third = messenger.send(general, POST);
        assertThat(third).isEqualTo(new SendOutcome.RateLimited(Duration.ofSeconds(5)));
        assertThat(discord.calls("POST", "channels/*/messages")).hasSize(2);
        assertThat(discord.calls(c -> c.status() == 429)).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(messenger.send(general, POST)).isInstanceOf(SendOutcome.Sent.class);
        assertThat(discord.messagesIn(discord.general)).hasSize(3);
    }

    @Test
    void anOverlongReplyIsCutToDiscordsLimitsInsteadOfRejected() {
        String paragraph = "网络空间是人类共同的活动空间，网络空间前途命运应由世界各国共同掌握。".repeat(200);
        Reply huge = Reply.builder(Reply.Kind.CONTENT)
                .title("标题".repeat(200))
                .section(Section.text(paragraph))
                .build();
        assertThat(messenger.send(general, huge)).isInstanceOf(SendOutcome.Sent.class);
        FakeMessage post = discord.messagesIn(discord.general).get(0);
        assertThat(post.title()).hasSize(256).endsWith("…");
        assertThat(post.description()).hasSize(4096).endsWith("…");
    }

    @Test
    void aNetworkFailureIsRetryableAndABadChannelIdIsNot() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DiscordMessenger unreachable = new DiscordMessenger(
                new OkHttpClient(),
                "http://127.0.0.1:" + closedPort + "/api/v10/",
                FakeDiscord.TOKEN,
                new EmbedRenderer(),
                ChatStatusListener.IGNORE,
                clock);
        SendOutcome outcome = unreachable.send(general, POST);
        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        assertThat(((SendOutcome.Failed) outcome).retryable()).isTrue();
        SendOutcome bad = messenger.send(new ChatRef(Platform.DISCORD, "../users/@me", ChatType.GROUP), POST);
        assertThat(bad).isEqualTo(new SendOutcome.Failed("not a Discord channel id: ../users/@me", false));
        assertThat(discord.calls()).isEmpty();
    }

    @Test
    void aPostWhoseConnectionDropsAfterTheRequestWasSentIsNotSentAgain() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread dropper = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        // read the request line and headers, then hang up without an answer
                        BufferedReader in = new BufferedReader(
                                new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            if (line.startsWith("POST ")) requests.incrementAndGet();
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            dropper.setDaemon(true);
            dropper.start();
            DiscordMessenger dropping = new DiscordMessenger(
                    new OkHttpClient(), // retries a dropped connection by default: the messenger must not let it
                    "http://127.0.0.1:" + server.getLocalPort() + "/api/v10/",
                    FakeDiscord.TOKEN,
                    new EmbedRenderer(),
                    ChatStatusListener.IGNORE,
                    clock);

            SendOutcome outcome = dropping.send(general, POST);

            assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
            assertThat(((SendOutcome.Failed) outcome).retryable())
                    .as("Discord may have the post: the engine must not send it again")
                    .isFalse();
            assertThat(((SendOutcome.Failed) outcome).reason()).contains("may have arrived");
            assertThat(requests).as("no silent retry by the HTTP client").hasValue(1);
        }
    }
}
