package org.excerptbot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.excerptbot.core.bookmark.BookmarkCommands;
import org.excerptbot.core.command.ChatZones;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.FloodControl;
import org.excerptbot.core.command.builtin.BuiltinCommands;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.corpus.Point;
import org.excerptbot.core.delivery.SubscriptionChatStatus;
import org.excerptbot.core.excerpt.Excerpt;
import org.excerptbot.core.excerpt.ExcerptPool;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reference.Passages;
import org.excerptbot.core.script.ChatScripts;
import org.excerptbot.core.script.ScriptCommands;
import org.excerptbot.core.script.ScriptConverter;
import org.excerptbot.core.search.CrossReferences;
import org.excerptbot.core.store.JdbcBookmarkStore;
import org.excerptbot.core.store.JdbcChatPreferenceStore;
import org.excerptbot.core.store.JdbcSubscriptionStore;
import org.excerptbot.core.store.TestDb;
import org.excerptbot.core.subscription.ProgressCommands;
import org.excerptbot.core.subscription.SlotListener;
import org.excerptbot.core.subscription.SubscriptionCommands;
import org.excerptbot.core.subscription.SubscriptionService;
import org.excerptbot.discord.fake.FakeDiscord;
import org.excerptbot.discord.fake.FakeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reading commands on Discord, through the slash commands and the buttons of their replies: /related, the
 * bookmarks (/save, /saved, /unsave, private to the reader), /progress through a channel's sequential reading and
 * /script, on the same stores and dispatcher as in production.
 */
class DiscordReadingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC);
    private static final Texts ZH = DiscordBot.MESSAGES.texts(Locale.SIMPLIFIED_CHINESE);
    private static final long ADMIN = FakeDiscord.MEMBER | FakeDiscord.MANAGE_GUILD;
    private static final ExcerptPool POOL = DiscordBot.ROTATION.pool();
    private static final ScriptConverter CONVERTER = ScriptConverter.hongKong();

    private TestDb db;
    private DiscordBot bot;
    private FakeDiscord discord;

    @BeforeEach
    void start() throws InterruptedException {
        db = TestDb.h2();
        JdbcSubscriptionStore subscriptions = new JdbcSubscriptionStore(db.dataSource());
        SubscriptionService service = new SubscriptionService(subscriptions, DiscordBot.ZONE, CLOCK, SlotListener.NONE);
        ChatScripts scripts = new ChatScripts(new JdbcChatPreferenceStore(db.dataSource()), ScriptConverter.hongKong());
        List<CommandSpec> reading = new ArrayList<>(new SubscriptionCommands(service, POOL::size).specs());
        reading.addAll(new ProgressCommands(service, DiscordBot.CORPUS, POOL).specs());
        reading.addAll(
                new BookmarkCommands(new JdbcBookmarkStore(db.dataSource()), DiscordBot.CORPUS, POOL, CLOCK).specs());
        reading.addAll(new ScriptCommands(scripts, CLOCK).specs());
        CommandRegistry registry = BuiltinCommands.registry(
                DiscordBot.CORPUS,
                DiscordBot.ROTATION,
                DiscordBot.NO_SEARCH,
                ChatZones.fixed(DiscordBot.ZONE),
                CLOCK,
                new SplittableRandom(7),
                reading);
        CommandDispatcher dispatcher = new CommandDispatcher(
                registry,
                DiscordBot.MESSAGES,
                new FloodControl(1000, CLOCK),
                CommandDispatcher.OwnerCheck.NOBODY,
                scripts);
        FakeDiscord fake = new FakeDiscord();
        // the server cached from GUILD_CREATE: JDA computes a member's rights from the roles
        fake.announceGuild(fake.testGuild(DiscordBot.MODERATORS));
        bot = new DiscordBot(
                fake,
                DiscordBot.context(
                        dispatcher, DiscordBot.NO_SEARCH, new SubscriptionChatStatus(subscriptions, CLOCK), CLOCK));
        discord = bot.discord;
    }

    @AfterEach
    void stop() {
        try {
            DiscordBot.closeChecked(bot);
        } finally {
            if (db != null) db.close();
        }
    }

    @Test
    void relatedListsTheCommentaryParagraphsOfAPrincipleAndItsButtonsOpenThem() {
        Point second = DiscordBot.CORPUS.principles().get(1);
        List<ParagraphRef> commentaries =
                CrossReferences.derive(DiscordBot.CORPUS).commentariesOf(second);
        assertThat(commentaries).isNotEmpty();

        FakeMessage related = discord.awaitReply(
                discord.slash("related").option("reference", "原则二").send());
        assertThat(related.ephemeral()).isFalse();
        assertThat(related.title()).isEqualTo(ZH.get("related.commentaries.title", second.name(), commentaries.size()));
        for (ParagraphRef r : commentaries) assertThat(related.text()).contains(r.position());

        ParagraphRef first = commentaries.get(0);
        discord.press(related, ZH.get("action.related.paragraph", first.position()));
        FakeMessage opened = discord.awaitEdit(related);
        assertThat(opened.text()).contains(DiscordBot.paragraphAsShown(first.document(), first.paragraph()));
    }

    @Test
    void aReferenceThatNamesNothingIsAnsweredPrivately() {
        FakeMessage unknown = discord.awaitReply(
                discord.slash("related").option("reference", "原则九").send());
        assertThat(unknown.ephemeral()).isTrue();
        assertThat(unknown.text()).isEqualTo(ZH.get("related.unknown", "原则九"));
    }

    @Test
    void savedPassagesAreListedPrivatelyAndTheirRemoveButtonRemovesThem() {
        FakeMessage saved = discord.awaitReply(
                discord.slash("save").option("passage", "1.11").send());
        assertThat(saved.ephemeral()).isTrue();
        assertThat(saved.text()).isEqualTo(ZH.get("save.done", "1.11"));

        FakeMessage list = discord.awaitReply(discord.slash("saved").send());
        assertThat(list.ephemeral()).isTrue();
        assertThat(list.title()).isEqualTo(ZH.get("saved.title", 1, 1, 1));
        assertThat(list.text()).contains("1. 1.11");
        assertThat(discord.awaitReply(
                                discord.slash("saved").by(discord.englishReader).send())
                        .text())
                .as("bookmarks are each reader's own")
                .isEqualTo(DiscordBot.MESSAGES.texts(Locale.ENGLISH).get("saved.empty"));

        discord.press(list, ZH.get("action.unsave", 1));
        FakeMessage removed = discord.awaitEdit(list);
        assertThat(removed.id()).isEqualTo(list.id());
        assertThat(removed.ephemeral()).isTrue();
        assertThat(removed.text())
                .contains(ZH.get("unsave.done", "1.11"))
                .contains(ZH.get("saved.empty"))
                .doesNotContain("1. 1.11");
        assertThat(removed.buttonLabels()).isEmpty();

        FakeMessage again = discord.awaitReply(
                discord.slash("unsave").option("passage", "1.11").send());
        assertThat(again.ephemeral()).isTrue();
        assertThat(again.text()).isEqualTo(ZH.get("unsave.none", "1.11"));
    }

    @Test
    void theSaveButtonUnderAPassageAnswersThePresserPrivatelyAndLeavesThePassage() {
        FakeMessage passage = discord.awaitReply(discord.slash("read")
                .option("document", 1)
                .option("paragraph", 11)
                .send());
        FakeDiscord.Sent press = discord.press(passage, ZH.get("action.save"), discord.englishReader);
        FakeMessage notice = discord.awaitReply(press);
        assertThat(notice.id()).isNotEqualTo(passage.id());
        assertThat(notice.ephemeral()).isTrue();
        assertThat(notice.text())
                .isEqualTo(DiscordBot.MESSAGES.texts(Locale.ENGLISH).get("save.done", "1.11"));
        assertThat(discord.message(passage.id()).orElseThrow().version()).isEqualTo(passage.version());

        // the private notice's own button shows the list in its place
        discord.press(notice, DiscordBot.MESSAGES.texts(Locale.ENGLISH).get("action.saved"), discord.englishReader);
        FakeMessage list = discord.awaitEdit(notice);
        assertThat(list.ephemeral()).isTrue();
        assertThat(list.text()).contains("1. 1.11");
    }

    @Test
    void scriptIsChangedByAServerManagerAndTodayThenReadsInTraditional() {
        FakeMessage refused = discord.awaitReply(
                discord.slash("script").option("script", "traditional").send());
        assertThat(refused.ephemeral()).isTrue();
        assertThat(refused.text()).isEqualTo(ZH.get("error.privacy.admin", "script"));

        FakeMessage set = discord.awaitReply(discord.slash("script")
                .roles(DiscordBot.MODERATORS)
                .permissions(ADMIN)
                .option("script", "traditional")
                .send());
        // the confirmation already reads as the chat now does
        assertThat(set.text())
                .isEqualTo(CONVERTER.toTraditional(ZH.get("script.set", ZH.get("script.name.traditional"))));

        Excerpt today = DiscordBot.ROTATION.excerptFor(LocalDate.now(CLOCK.withZone(DiscordBot.ZONE)));
        String traditional = CONVERTER.toTraditional(today.text());
        assertThat(traditional).isNotEqualTo(today.text());
        FakeMessage shown = discord.awaitReply(discord.slash("today").send());
        assertThat(shown.text()).contains(FakeMessage.read(traditional)).doesNotContain(FakeMessage.read(today.text()));

        FakeMessage current = discord.awaitReply(discord.slash("script").send());
        assertThat(current.text())
                .isEqualTo(
                        CONVERTER.toTraditional(ZH.get("script.current", ZH.get("script.name.traditional"), "script")));
    }

    @Test
    void aReaderChoosesTheScriptOfTheirDmWithoutAnyRight() {
        FakeMessage set = discord.awaitReply(
                discord.slash("script").inDm().option("script", "traditional").send());
        assertThat(set.ephemeral()).isFalse();
        // the confirmation already reads as the chat now does
        assertThat(set.text())
                .isEqualTo(CONVERTER.toTraditional(ZH.get("script.set", ZH.get("script.name.traditional"))));
    }

    @Test
    void progressShowsTheChannelsReadingAndAServerManagersReadOnMovesItOnce() {
        FakeMessage none = discord.awaitReply(discord.slash("progress").send());
        assertThat(none.text()).isEqualTo(ZH.get("progress.none"));

        discord.awaitReply(discord.slash("subscribe")
                .roles(DiscordBot.MODERATORS)
                .permissions(ADMIN)
                .option("channel", discord.announcements)
                .option("time", "07:30")
                .option("mode", "sequential")
                .send());
        FakeMessage progress = discord.awaitReply(discord.slash("progress")
                .option("channel", discord.announcements)
                .send());
        FakeMessage managers = discord.awaitReply(discord.slash("progress")
                .option("channel", discord.announcements)
                .send());
        FakeMessage stale = discord.awaitReply(discord.slash("progress")
                .option("channel", discord.announcements)
                .send());
        assertThat(progress.title()).isEqualTo(ZH.get("progress.title"));
        assertThat(progress.text())
                .contains("07:30")
                .contains(FakeMessage.read(ZH.get("progress.schedule.post", "2026-11-29 07:30", 1)))
                .contains(FakeMessage.read(ZH.get("progress.next.hint")));

        // a reader without rights reads on alone: the channel's reading stays
        discord.press(progress, ZH.get("action.progress.next", "07:30", 1));
        FakeMessage first = discord.awaitEdit(progress);
        Excerpt one = POOL.get(0);
        assertThat(first.title())
                .isEqualTo(ZH.get(
                        "progress.read.title",
                        1,
                        POOL.size(),
                        ZH.get("progress.document." + one.ref().document()),
                        one.ref().paragraph()));
        assertThat(first.text())
                .contains(FakeMessage.read(one.text()))
                .contains(FakeMessage.read(ZH.get("progress.read.kept", "07:30", 1)));

        // a server manager's read-on moves it, and the next button reads on from there
        discord.press(
                managers, ZH.get("action.progress.next", "07:30", 1), discord.reader, ADMIN, DiscordBot.MODERATORS);
        FakeMessage moved = discord.awaitEdit(managers);
        assertThat(moved.text())
                .contains(FakeMessage.read(one.text()))
                .contains(FakeMessage.read(ZH.get("progress.read.moved", "07:30", 2)))
                .contains(FakeMessage.read(ZH.get("progress.schedule.post", "2026-11-29 07:30", 2)));
        discord.press(moved, ZH.get("action.progress.read.next", 2), discord.reader, ADMIN, DiscordBot.MODERATORS);
        FakeMessage second = discord.awaitEdit(moved);
        assertThat(second.text())
                .contains(FakeMessage.read(POOL.get(1).text()))
                .contains(FakeMessage.read(ZH.get("progress.read.moved", "07:30", 3)));
        assertThat(second.buttonLabels()).contains(ZH.get("action.progress.read.next", 3));

        // the first excerpt's button pressed again: the reading is past it and stays
        discord.press(stale, ZH.get("action.progress.next", "07:30", 1), discord.reader, ADMIN, DiscordBot.MODERATORS);
        FakeMessage again = discord.awaitEdit(stale);
        assertThat(again.text()).contains(FakeMessage.read(ZH.get("progress.read.elsewhere", "07:30", 3)));
        assertThat(discord.awaitReply(discord.slash("progress")
                                .option("channel", discord.announcements)
                                .send())
                        .text())
                .contains(FakeMessage.read(ZH.get("progress.schedule.post", "2026-11-29 07:30", 3)));

        FakeMessage fifth = discord.awaitReply(
                discord.slash("progress").option("excerpt", 5).inDm().send());
        assertThat(fifth.text()).contains(FakeMessage.read(POOL.get(4).text()));
    }

    @Test
    void savePassageOnTheBotsExcerptSavesThatExcerptPrivately() {
        FakeMessage today = discord.awaitReply(discord.slash("today").send());
        String id = today.button(ZH.get("action.save"))
                .orElseThrow()
                .path("custom_id")
                .asText()
                .substring("save ".length());

        FakeMessage saved = discord.awaitReply(
                discord.messageCommand(SlashCommands.SAVE_PASSAGE, today).send());
        assertThat(saved.ephemeral()).isTrue();
        assertThat(saved.text()).isEqualTo(ZH.get("save.done", id));
        assertThat(discord.message(today.id()).orElseThrow().version()).isEqualTo(today.version());
        assertThat(discord.awaitReply(discord.slash("saved").send()).text()).contains("1. " + id);
    }

    @Test
    void savePassageOnAReadersMessageSavesTheReferenceItNamesOrSaysItNamesNone() {
        FakeMessage named = discord.post(discord.englishReader, discord.general, "see 原则二 on this");
        String principle =
                Passages.first(DiscordBot.CORPUS, "原则二").orElseThrow().position();
        FakeMessage saved = discord.awaitReply(
                discord.messageCommand(SlashCommands.SAVE_PASSAGE, named).send());
        assertThat(saved.ephemeral()).isTrue();
        assertThat(saved.text()).isEqualTo(ZH.get("save.done", principle));

        FakeMessage chat = discord.post(discord.englishReader, discord.general, "我有2个问题");
        FakeMessage none = discord.awaitReply(
                discord.messageCommand(SlashCommands.SAVE_PASSAGE, chat).send());
        assertThat(none.ephemeral()).isTrue();
        assertThat(none.text()).isEqualTo(ZH.get("save.reply.none"));
    }
}
