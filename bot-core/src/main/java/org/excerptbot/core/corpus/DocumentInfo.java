package org.excerptbot.core.corpus;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the manifest says of one document.
 *
 * @param number 1 for the speech, 2-4 for the commentaries
 * @param kind {@code speech} or {@code commentary}
 * @param delivered the day the speech was delivered; empty for the commentaries
 */
public record DocumentInfo(
        int number,
        String kind,
        String title,
        Optional<String> subtitle,
        String author,
        String titleEn,
        String authorEn,
        String source,
        LocalDate published,
        Optional<LocalDate> delivered,
        Optional<String> place) {}
