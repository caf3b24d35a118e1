package org.excerptbot.core.search;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Search terms whose symbols are part of the term: a coinage with a plus or hash ({@code 互联网+}, {@code c#}), or a
 * hyphen, dot, slash, ampersand or underscore between letters or digits ({@code e-commerce}, {@code web2.0}). The
 * analyzer drops those symbols as it drops punctuation, so such a term must also appear literally in the folded text.
 * Other punctuation around a term ({@code 互联网。}, {@code -互联网-}) still does not count.
 */
final class SymbolTerms {
    /** Around the term: anything but letters, digits and the symbols that may end a coinage. */
    private static final Pattern EDGES = Pattern.compile("^[^\\p{L}\\p{N}+#]+|[^\\p{L}\\p{N}+#]+$");

    private static final Pattern SYMBOLIC = Pattern.compile("[+#]|[\\p{L}\\p{N}][-./&_][\\p{L}\\p{N}]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    private SymbolTerms() {}

    /** The text a folded term must match literally, when its symbols are part of it; empty for any other term. */
    static Optional<String> literal(String foldedTerm) {
        String term = EDGES.matcher(foldedTerm).replaceAll("");
        if (!WORD.matcher(term).find() || !SYMBOLIC.matcher(term).find()) return Optional.empty();
        return Optional.of(term);
    }
}
