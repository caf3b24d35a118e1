package org.excerptbot.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.excerptbot.content.Content;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final String PACKAGED = new String(Content.read(Content.MANIFEST), StandardCharsets.UTF_8);

    private static Manifest read(String json) {
        return Manifest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void the_packaged_manifest_gives_every_document_and_the_erratum() {
        Manifest m = read(PACKAGED);
        assertThat(m.source().resource()).isEqualTo("corpus.txt");
        assertThat(m.documents()).extracting(Manifest.Entry::id).containsExactly(1, 2, 3, 4);
        Manifest.Entry speech = m.documents().get(0);
        assertThat(speech.published()).isEqualTo(LocalDate.of(2015, 12, 17));
        assertThat(speech.delivered()).isEqualTo(LocalDate.of(2015, 12, 16));
        assertThat(speech.subtitle()).isNull();
        assertThat(m.documents().get(1).subtitle()).isEqualTo("—— 一论“共同构建网络空间命运共同体”");
        assertThat(m.documents().get(1).delivered()).isNull();
        assertThat(m.errata())
                .singleElement()
                .isEqualTo(
                        new Erratum(
                                1,
                                14,
                                "位嘉宾、各位朋友！",
                                "各位嘉宾、各位朋友！",
                                "The speech's second salutation lost its first character in the source; restored as in the first and third."));
    }

    @Test
    void unknown_fields_are_skipped_whatever_their_shape() {
        Manifest m = read(PACKAGED.replace("\"source\": {", "\"extra\": {\"a\": [1, {\"b\": null}]}, \"source\": {"));
        assertThat(m.documents()).hasSize(4);
    }

    @Test
    void a_missing_or_mistyped_field_is_named_by_its_path() {
        assertThatThrownBy(() -> read(PACKAGED.replace("\"published\": \"2015-12-18\"", "\"published\": null")))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessage("manifest: documents[2].published is missing");
        assertThatThrownBy(
                        () -> read(PACKAGED.replace("\"published\": \"2015-12-18\"", "\"published\": \"18.12.2015\"")))
                .hasMessage("manifest: documents[2].published must be a date like 2015-12-17, found 18.12.2015");
        assertThatThrownBy(() -> read(PACKAGED.replace("\"id\": 3", "\"id\": \"3\"")))
                .hasMessage("manifest: documents[2].id must be a whole number, found 3");
        assertThatThrownBy(() -> read("{\"source\": {\"resource\": \"corpus.txt\", \"sha256\": \"x\"}}"))
                .hasMessage("manifest: documents is missing");
        assertThatThrownBy(() -> read("[]")).hasMessage("manifest: manifest must be an object, found START_ARRAY");
    }
}
