package org.excerptbot.core.corpus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The content module's manifest.json: the documents in order, and the errata. Read with Jackson. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(Source source, List<Entry> documents, List<Erratum> errata) {
    public Manifest {
        documents = List.copyOf(documents);
        errata = errata == null ? List.of() : List.copyOf(errata);
    }

    /** The source file and its checksum. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(String resource, String sha256) {}

    /** One document as the manifest gives it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(
            int id,
            String kind,
            String title,
            String subtitle,
            String author,
            String titleEn,
            String authorEn,
            String source,
            LocalDate published,
            LocalDate delivered,
            String place) {
        DocumentInfo info() {
            return new DocumentInfo(
                    id,
                    kind,
                    title,
                    Optional.ofNullable(subtitle),
                    author,
                    titleEn,
                    authorEn,
                    source,
                    published,
                    Optional.ofNullable(delivered),
                    Optional.ofNullable(place));
        }
    }

    /** Reads a manifest. */
    public static Manifest read(InputStream in) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        try {
            return mapper.readValue(in, Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus manifest", e);
        }
    }
}
