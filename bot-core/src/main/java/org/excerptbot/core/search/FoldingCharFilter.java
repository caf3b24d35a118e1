package org.excerptbot.core.search;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.CharFilter;

/** Applies {@link TextFolding} to a whole field value and corrects offsets back to the original text. */
final class FoldingCharFilter extends CharFilter {
    private TextFolding.Folded folded;
    private int position;

    FoldingCharFilter(Reader input) {
        super(input);
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (folded == null) folded = TextFolding.foldMapped(readAll());
        String text = folded.text();
        if (position >= text.length()) return -1;
        int n = Math.min(len, text.length() - position);
        text.getChars(position, position + n, cbuf, off);
        position += n;
        return n;
    }

    @Override
    protected int correct(int currentOff) {
        return folded == null ? currentOff : folded.originalOffset(currentOff);
    }

    private String readAll() throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buffer = new char[1024];
        int n;
        while ((n = input.read(buffer)) != -1) sb.append(buffer, 0, n);
        return sb.toString();
    }
}
