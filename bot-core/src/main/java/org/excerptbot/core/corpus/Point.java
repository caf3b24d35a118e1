package org.excerptbot.core.corpus;

/**
 * One of the speech's four principles or five proposals.
 *
 * @param number 1-4 for principles, 1-5 for proposals
 * @param name the short name, for example 尊重网络主权 or 加快全球网络基础设施建设，促进互联互通
 * @param paragraph the whole paragraph that states it
 */
public record Point(Kind kind, int number, String name, Paragraph paragraph) {
    /** Principle (四项原则) or proposal (五点主张). */
    public enum Kind {
        PRINCIPLE,
        PROPOSAL
    }
}
