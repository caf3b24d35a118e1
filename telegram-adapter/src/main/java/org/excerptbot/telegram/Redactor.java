package org.excerptbot.telegram;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Keeps the bot token out of log lines: every exception and URL that reaches a log passes through here. The
 * token appears in every Bot API URL ({@code /bot<token>/method}), so any message quoting a URL could leak it.
 */
final class Redactor {
    static final String MASK = "<token>";
    private final String token;

    Redactor(String token) {
        this.token = token;
    }

    /** The text with every occurrence of the token masked. */
    String text(Object value) {
        String s = String.valueOf(value);
        return token.isEmpty() ? s : s.replace(token, MASK);
    }

    /** A one-line description of a failure: the messages of the cause chain, masked. */
    String describe(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (out.length() > 0) out.append(" <- ");
            out.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) out.append(": ").append(c.getMessage());
        }
        return text(out);
    }

    /** The full stack trace, masked, for unexpected failures. */
    String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return text(w);
    }
}
