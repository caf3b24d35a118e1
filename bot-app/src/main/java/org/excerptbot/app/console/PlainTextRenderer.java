package org.excerptbot.app.console;

import java.util.List;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;
import org.excerptbot.core.reply.Span;

/** Renders a reply as plain text: matches in 【brackets】, citations on their own line, buttons numbered. */
public final class PlainTextRenderer {
    private PlainTextRenderer() {}

    public static String render(Reply reply) {
        StringBuilder out = new StringBuilder();
        if (reply.kind() == Reply.Kind.ERROR) out.append("⚠ ");
        reply.title().ifPresent(t -> out.append("【").append(t).append("】\n"));
        boolean first = true;
        for (Section section : reply.sections()) {
            if (!first) out.append('\n');
            first = false;
            for (Span span : section.spans()) {
                switch (span.style()) {
                    case MATCH -> out.append('【').append(span.text()).append('】');
                    default -> out.append(span.text());
                }
            }
            out.append('\n');
            section.citation().ifPresent(c -> out.append("—— ").append(c.line()).append('\n'));
        }
        List<Action> actions = reply.allActions();
        if (!actions.isEmpty()) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < actions.size(); i++) {
                if (i > 0) row.append("  ");
                row.append('[').append(i + 1).append("] ").append(actions.get(i).label());
            }
            out.append(row).append('\n');
        }
        return out.toString();
    }
}
