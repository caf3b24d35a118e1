package org.excerptbot.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts the text of a search into the terms that must all match: {@code "quoted phrases"} (also {@code “…”},
 * {@code 「…」}, {@code 『…』}) whole, the rest at white space. The text is folded first (see {@link TextFolding}), and
 * spaces after a number and before Chinese characters are dropped, as in the corpus ({@code 13 亿} is {@code 13亿});
 * a space before a number still separates terms ({@code 网民 2015}), which costs nothing since terms are ANDed.
 */
final class QueryTerms {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|“([^”]*)”|「([^」]*)」|『([^』]*)』");
    private static final Pattern DIGIT_HAN_GAP = Pattern.compile("(?<=\\p{Nd})\\s+(?=\\p{IsHan})");
    private static final Pattern STRAY_QUOTES = Pattern.compile("[\"“”「」『』]");

    private QueryTerms() {}

    /** The folded terms of a search text, in the order typed, without duplicates or empty ones. */
    static List<String> parse(String text) {
        String folded = TextFolding.fold(text == null ? "" : text);
        List<String> terms = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        Matcher m = QUOTED.matcher(folded);
        int last = 0;
        while (m.find()) {
            rest.append(folded, last, m.start()).append(' ');
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) add(terms, joinDigits(m.group(g).strip()));
            }
            last = m.end();
        }
        rest.append(folded.substring(last));
        String loose = joinDigits(STRAY_QUOTES.matcher(rest).replaceAll(" "));
        for (String word : loose.strip().split("\\s+")) add(terms, word);
        return terms;
    }

    /** Drops the spaces between a digit and a following Chinese character, as the corpus does. */
    static String joinDigits(String folded) {
        return DIGIT_HAN_GAP.matcher(folded).replaceAll("");
    }

    private static void add(List<String> terms, String term) {
        if (!term.isEmpty() && !terms.contains(term)) terms.add(term);
    }
}
