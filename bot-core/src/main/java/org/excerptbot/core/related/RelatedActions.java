package org.excerptbot.core.related;

import java.util.ArrayList;
import java.util.List;
import org.excerptbot.core.corpus.ParagraphRef;
import org.excerptbot.core.corpus.Point;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.search.CrossReferences;

/** The "related" row under a passage: the commentary paragraphs of a point, or the points of a commentary. */
public final class RelatedActions {
    /** The most buttons in the row (Discord's row holds five). */
    static final int MAX_BUTTONS = 5;

    private RelatedActions() {}

    /** The row for the paragraph at {@code ref}; empty when it has no cross-references. */
    public static List<Action> of(CrossReferences links, ParagraphRef ref, Texts texts) {
        List<Action> row = new ArrayList<>();
        links.pointAt(ref).ifPresent(point -> {
            for (ParagraphRef r : links.commentariesOf(point)) row.add(read(r, texts));
        });
        List<Point> points = links.pointsOf(ref);
        if (points.size() > MAX_BUTTONS) {
            row.add(new Action(texts.get("action.related.all", points.size()), "related " + ref.position()));
        } else {
            for (Point p : points) row.add(point(p, texts));
        }
        return row.size() > MAX_BUTTONS ? row.subList(0, MAX_BUTTONS) : row;
    }

    /** A button that opens a commentary paragraph. */
    static Action read(ParagraphRef ref, Texts texts) {
        return new Action(
                texts.get("action.related.paragraph", ref.position()),
                "read " + ref.document() + " " + ref.paragraph());
    }

    /** A button that shows a principle or proposal. */
    public static Action point(Point p, Texts texts) {
        boolean principle = p.kind() == Point.Kind.PRINCIPLE;
        return new Action(
                texts.get(principle ? "action.related.principle" : "action.related.proposal", p.number()),
                (principle ? "principle " : "proposal ") + p.number());
    }
}
