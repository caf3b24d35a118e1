package org.excerptbot.core.card;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.excerptbot.core.script.ScriptConverter;

/**
 * Writes the text the traditional card faces are subset to: the four texts, their manifest and the interface
 * strings, and any further files named, each converted as a traditional chat reads them (see README.md beside the
 * fonts). Run from the repository's root: {@code java -cp <bot-core test class path>
 * org.excerptbot.core.card.TraditionalCardText /tmp/card-tc.txt [more.txt ...]}.
 */
public final class TraditionalCardText {
    static final List<String> SOURCES = List.of(
            "content/src/main/resources/org/excerptbot/content/corpus.txt",
            "content/src/main/resources/org/excerptbot/content/manifest.json",
            "bot-core/src/main/resources/org/excerptbot/core/i18n/messages.properties",
            "bot-core/src/main/resources/org/excerptbot/core/i18n/messages_en.properties");

    private TraditionalCardText() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: TraditionalCardText <output file> [more input files]");
        }
        ScriptConverter converter = ScriptConverter.hongKong();
        List<String> out = new ArrayList<>();
        List<String> inputs = new ArrayList<>(SOURCES);
        inputs.addAll(List.of(args).subList(1, args.length));
        for (String source : inputs) {
            out.add(converter.toTraditional(Files.readString(Path.of(source), StandardCharsets.UTF_8)));
        }
        Files.writeString(Path.of(args[0]), String.join("\n", out), StandardCharsets.UTF_8);
    }
}
