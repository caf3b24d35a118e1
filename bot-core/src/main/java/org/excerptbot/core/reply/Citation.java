package org.excerptbot.core.reply;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an excerpt comes from: title, author, date and, where it helps, its position such as {@code 1.11}.
 *
 * @param note what was done to the text shown, such as {@code （繁體轉換）} for a conversion to traditional characters
 */
public record Citation(String title, String author, LocalDate date, Optional<String> position, Optional<String> note) {
    public Citation {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(note, "note");
    }

    /** A citation of the text as written. */
    public Citation(String title, String author, LocalDate date, Optional<String> position) {
        this(title, author, date, position, Optional.empty());
    }

    /** One line for plain-text renderers, for example {@code 习近平《在第二届世界互联网大会开幕式上的讲话》，2015-12-16 · 1.11}. */
    public String line() {
        return author + "《" + title + "》，" + date + position.map(p -> " · " + p).orElse("") + note.orElse("");
    }
}
