package org.excerptbot.core.reply;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where an excerpt comes from: title, author, date and, where it helps, its position such as {@code 1.11}.
 */
public record Citation(String title, String author, LocalDate date, Optional<String> position) {
    /** One line for plain-text renderers, for example {@code 习近平《在第二届世界互联网大会开幕式上的讲话》，2015-12-16 · 1.11}. */
    public String line() {
        return author + "《" + title + "》，" + date + position.map(p -> " · " + p).orElse("");
    }
}
