package org.excerptbot.core.bookmark;

import java.time.Instant;
import java.util.List;

/** Port: where readers' bookmarks live. A reader saves a passage at most once. */
public interface BookmarkStore {
    /** Saves the passage for the reader; false when it was already saved (its date is kept). */
    boolean add(Reader reader, String passage, Instant now);

    /** Removes the passage from the reader's bookmarks; false when it was not there. */
    boolean remove(Reader reader, String passage);

    /** The reader's bookmarks, newest first, from {@code offset}, at most {@code limit}. */
    List<Bookmark> list(Reader reader, int offset, int limit);

    /** How many bookmarks the reader has. */
    int count(Reader reader);

    /** Every bookmark of every reader, oldest first (for export). */
    List<Bookmark> all();

    /** Makes the bookmark exist exactly so (the import of an export); false when it already did. */
    boolean restore(Bookmark bookmark);
}
