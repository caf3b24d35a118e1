package org.excerptbot.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.excerptbot.core.bookmark.Bookmark;
import org.excerptbot.core.bookmark.BookmarkStore;
import org.excerptbot.core.bookmark.Reader;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.script.ChatPreferenceStore;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptChoice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contracts of {@link BookmarkStore} and {@link ChatPreferenceStore}, run against every database we support. */
abstract class ReadingStoreContract {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Reader ALICE = new Reader(Platform.TELEGRAM, "1001");
    static final Reader ALICE_ON_DISCORD = new Reader(Platform.DISCORD, "1001");
    static final ChatRef GROUP = new ChatRef(Platform.TELEGRAM, "-2002", ChatType.GROUP);

    private TestDb db;
    private BookmarkStore bookmarks;
    private ChatPreferenceStore preferences;

    protected abstract TestDb openDb();

    @BeforeEach
    void open() {
        db = openDb();
        bookmarks = new JdbcBookmarkStore(db.dataSource());
        preferences = new JdbcChatPreferenceStore(db.dataSource());
    }

    @AfterEach
    void close() {
        if (db != null) db.close();
    }

    @Test
    void aPassageIsSavedOncePerReaderAndListedNewestFirst() {
        assertThat(bookmarks.add(ALICE, "1.11", T0)).isTrue();
        assertThat(bookmarks.add(ALICE, "2.3.1-2", T0.plusSeconds(1))).isTrue();
        assertThat(bookmarks.add(ALICE, "1.11", T0.plusSeconds(2)))
                .as("saved already")
                .isFalse();
        assertThat(bookmarks.add(ALICE_ON_DISCORD, "1.11", T0))
                .as("another platform's user")
                .isTrue();

        assertThat(bookmarks.list(ALICE, 0, 10))
                .extracting(Bookmark::passage, Bookmark::savedAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2.3.1-2", T0.plusSeconds(1)),
                        org.assertj.core.groups.Tuple.tuple("1.11", T0));
        assertThat(bookmarks.count(ALICE)).isEqualTo(2);
        assertThat(bookmarks.count(ALICE_ON_DISCORD)).isEqualTo(1);
    }

    @Test
    void pagesAreSlicesOfTheNewestFirstList() {
        for (int i = 1; i <= 7; i++) bookmarks.add(ALICE, "1." + i, T0.plusSeconds(i));

        assertThat(bookmarks.list(ALICE, 0, 5))
                .extracting(Bookmark::passage)
                .containsExactly("1.7", "1.6", "1.5", "1.4", "1.3");
        assertThat(bookmarks.list(ALICE, 5, 5)).extracting(Bookmark::passage).containsExactly("1.2", "1.1");
        assertThat(bookmarks.list(ALICE, 10, 5)).isEmpty();
    }

    @Test
    void removeDeletesOnlyThatReadersBookmark() {
        bookmarks.add(ALICE, "1.11", T0);
        bookmarks.add(ALICE_ON_DISCORD, "1.11", T0);

        assertThat(bookmarks.remove(ALICE, "1.11")).isTrue();
        assertThat(bookmarks.remove(ALICE, "1.11")).isFalse();
        assertThat(bookmarks.count(ALICE)).isZero();
        assertThat(bookmarks.count(ALICE_ON_DISCORD)).isEqualTo(1);
    }

    @Test
    void restoringAnExportIsIdempotent() {
        bookmarks.add(ALICE, "1.11", T0);
        bookmarks.add(ALICE_ON_DISCORD, "4.5.2", T0.plusSeconds(5));
        var exported = bookmarks.all();

        try (TestDb other = openDb()) {
            BookmarkStore target = new JdbcBookmarkStore(other.dataSource());
            assertThat(exported.stream().filter(target::restore)).hasSize(2);
            assertThat(exported.stream().filter(target::restore))
                    .as("the second import changes nothing")
                    .isEmpty();
            assertThat(target.all()).isEqualTo(exported);
        }
    }

    @Test
    void aChatsScriptIsRememberedAndChanged() {
        assertThat(preferences.script(GROUP)).isEmpty();

        preferences.setScript(GROUP, Script.TRADITIONAL, T0);
        assertThat(preferences.script(GROUP)).contains(Script.TRADITIONAL);
        preferences.setScript(GROUP, Script.SIMPLIFIED, T0.plusSeconds(1));
        assertThat(preferences.script(GROUP)).contains(Script.SIMPLIFIED);
        assertThat(preferences.script(GROUP.withId("-3003"))).isEmpty();
    }

    @Test
    void everyChatsChoiceIsListedAndRestoringItIsIdempotent() {
        ChatRef topic = new ChatRef(Platform.TELEGRAM, "-1005005", ChatType.GROUP, java.util.Optional.of("77"));
        preferences.setScript(GROUP, Script.TRADITIONAL, T0);
        preferences.setScript(topic, Script.SIMPLIFIED, T0);
        var exported = preferences.all();
        assertThat(exported)
                .containsExactlyInAnyOrder(
                        new ScriptChoice(Platform.TELEGRAM, "-2002", Script.TRADITIONAL),
                        new ScriptChoice(Platform.TELEGRAM, "-1005005", Script.SIMPLIFIED));

        try (TestDb other = openDb()) {
            ChatPreferenceStore target = new JdbcChatPreferenceStore(other.dataSource());
            assertThat(exported.stream().filter(c -> target.restore(c, T0))).hasSize(2);
            assertThat(exported.stream().filter(c -> target.restore(c, T0)))
                    .as("the second import changes nothing")
                    .isEmpty();
            assertThat(target.all()).containsExactlyInAnyOrderElementsOf(exported);
            assertThat(target.script(topic.inThread(java.util.Optional.empty())))
                    .as("a choice holds in every thread of its chat")
                    .contains(Script.SIMPLIFIED);
            assertThat(target.restore(new ScriptChoice(Platform.TELEGRAM, "-2002", Script.SIMPLIFIED), T0))
                    .isTrue();
            assertThat(target.script(GROUP)).contains(Script.SIMPLIFIED);
        }
    }

    @Test
    void bookmarksSurviveReopeningTheDatabase() {
        bookmarks.add(ALICE, "1.11", T0);
        try (Database again = db.openAnother()) {
            assertThat(new JdbcBookmarkStore(again.dataSource()).list(ALICE, 0, 5))
                    .extracting(Bookmark::passage)
                    .containsExactly("1.11");
        }
    }
}
