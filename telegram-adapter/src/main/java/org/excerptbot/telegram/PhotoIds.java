package org.excerptbot.telegram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.excerptbot.core.card.CardContent;
import org.excerptbot.core.card.CardPictures;
import org.excerptbot.core.delivery.SendOutcome;
import org.excerptbot.core.reply.Picture;

/**
 * The {@code file_id} Telegram gave each picture uploaded before, by the picture's SHA-256, so that a card sent
 * again goes out by id instead of being uploaded again. A file_id is valid for any chat of the same bot. The first
 * card of each passage is also found by its {@linkplain CardPictures#subject(CardContent) subject}, without rendering
 * it, for inline answers. Keeps the most recently used {@code capacity} ids; thread-safe.
 */
final class PhotoIds {
    /** Enough for every paragraph of the corpus in both languages and themes, a few hundred bytes each. */
    static final int DEFAULT_CAPACITY = 4096;

    private final int capacity;
    private final Map<String, String> ids;
    private final Map<String, String> firstCards;

    PhotoIds() {
        this(DEFAULT_CAPACITY);
    }

    PhotoIds(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity: must be at least 1, was " + capacity);
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(64, 0.75f, true);
        this.firstCards = new LinkedHashMap<>(64, 0.75f, true);
    }

    /** The id of the picture's earlier upload, if there was one. */
    Optional<String> find(Picture picture) {
        synchronized (ids) {
            return Optional.ofNullable(ids.get(picture.sha256()));
        }
    }

    /** Remembers the id Telegram answered an upload of the picture with. */
    void remember(Picture picture, String fileId) {
        synchronized (ids) {
            ids.put(picture.sha256(), fileId);
            if (ids.size() > capacity) ids.remove(ids.keySet().iterator().next());
            CardPictures.firstCardSubject(picture).ifPresent(subject -> {
                firstCards.put(subject, fileId);
                if (firstCards.size() > capacity)
                    firstCards.remove(firstCards.keySet().iterator().next());
            });
        }
    }

    /** The id of an earlier upload of the passage's first card, if there was one; renders nothing. */
    Optional<String> findFirstCard(CardContent content) {
        synchronized (ids) {
            return Optional.ofNullable(firstCards.get(CardPictures.subject(content)));
        }
    }

    /** Whether any passage's first card was uploaded. */
    boolean hasFirstCards() {
        synchronized (ids) {
            return !firstCards.isEmpty();
        }
    }

    /**
     * True when the Bot API refused a send because of its file_id ({@code 400 Bad Request: wrong file identifier/HTTP
     * URL specified}, or a remote file identifier it cannot read).
     */
    static boolean refused(SendOutcome outcome) {
        return outcome instanceof SendOutcome.Failed f
                && !f.retryable()
                && f.reason().startsWith("400")
                && f.reason().contains("file identifier");
    }

    /** Forgets an id Telegram no longer accepts, so that the picture is uploaded again. */
    void forget(Picture picture) {
        synchronized (ids) {
            String fileId = ids.remove(picture.sha256());
            if (fileId != null) firstCards.values().remove(fileId);
        }
    }
}
