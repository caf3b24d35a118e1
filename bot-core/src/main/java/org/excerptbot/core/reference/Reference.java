package org.excerptbot.core.reference;

/**
 * A passage a reader names in chat: a body paragraph by its position, or one of the speech's principles or
 * proposals by its number. The numbers are as typed; whether the passage exists is for the command that shows it.
 */
public sealed interface Reference {
    /** The reference written so that {@link References#find} reads it back, for example {@code 1.11}. */
    String canonical();

    /** The command that shows the passage, for example {@code read}. */
    String command();

    /** That command's arguments, for example {@code 1 11}. */
    String arguments();

    /** A paragraph by document and paragraph number, written {@code 1.11}. */
    record Paragraph(int document, int paragraph) implements Reference {
        public Paragraph {
            if (document < 1) throw new IllegalArgumentException("document: must be at least 1, was " + document);
            if (paragraph < 1) throw new IllegalArgumentException("paragraph: must be at least 1, was " + paragraph);
        }

        @Override
        public String canonical() {
            return document + "." + paragraph;
        }

        @Override
        public String command() {
            return "read";
        }

        @Override
        public String arguments() {
            return document + " " + paragraph;
        }
    }

    /** One of the four principles (四项原则). */
    record Principle(int number) implements Reference {
        public Principle {
            if (number < 1) throw new IllegalArgumentException("number: must be at least 1, was " + number);
        }

        @Override
        public String canonical() {
            return "principle " + number;
        }

        @Override
        public String command() {
            return "principle";
        }

        @Override
        public String arguments() {
            return String.valueOf(number);
        }
    }

    /** One of the five proposals (五点主张). */
    record Proposal(int number) implements Reference {
        public Proposal {
            if (number < 1) throw new IllegalArgumentException("number: must be at least 1, was " + number);
        }

        @Override
        public String canonical() {
            return "proposal " + number;
        }

        @Override
        public String command() {
            return "proposal";
        }

        @Override
        public String arguments() {
            return String.valueOf(number);
        }
    }
}
