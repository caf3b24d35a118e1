package org.excerptbot.core.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a paragraph into sentences at 。！？, never inside “…”: a terminator inside quotes ends the sentence
 * only with the closing quote. A sentence longer than {@value #LONG} characters is further split at its
 * top-level ；.
 */
public final class SentenceSplitter {
    static final int LONG = 150;

    private SentenceSplitter() {}

    public static List<String> split(String paragraph) {
        List<String> sentences = new ArrayList<>();
        for (String sentence : splitAt(paragraph, "。！？")) {
            if (sentence.codePointCount(0, sentence.length()) > LONG) {
                sentences.addAll(splitAt(sentence, "；"));
            } else {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    private static List<String> splitAt(String text, String terminators) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean pendingEnd = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (pendingEnd && terminators.indexOf(c) < 0 && c != '”' && c != '’' && c != '）') {
                out.add(text.substring(start, i));
                start = i;
                pendingEnd = false;
            }
            if (c == '“' || c == '‘' || c == '（') {
                depth++;
            } else if (c == '”' || c == '’' || c == '）') {
                depth = Math.max(0, depth - 1);
                if (depth == 0 && i > 0 && terminators.indexOf(text.charAt(i - 1)) >= 0) pendingEnd = true;
            } else if (terminators.indexOf(c) >= 0 && depth == 0) {
                pendingEnd = true;
            }
        }
        if (start < text.length()) out.add(text.substring(start));
        return out;
    }
}
