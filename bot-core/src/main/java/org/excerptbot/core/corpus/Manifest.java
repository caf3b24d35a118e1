package org.excerptbot.core.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The content module's manifest.json: the documents in order, and the errata. Read with Jackson. */
public record Manifest(Source source, List<Entry> documents, List<Erratum> errata) {
    private static final JsonFactory JSON = new JsonFactory();

    public Manifest {
        documents = List.copyOf(documents);
        errata = errata == null ? List.of() : List.copyOf(errata);
    }

    /** The source file and its checksum. */
    public record Source(String resource, String sha256) {}

    /** One document as the manifest gives it. */
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

    /**
     * Reads a manifest with Jackson's streaming parser. Unknown fields are skipped; a missing or mistyped field
     * fails with its path, such as {@code documents[2].published}. (Streaming rather than data binding keeps
     * start-up short: an ObjectMapper costs more CPU than parsing the whole corpus.)
     */
    public static Manifest read(InputStream in) {
        try (JsonParser p = JSON.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "manifest");
            Source source = null;
            List<Entry> documents = null;
            List<Erratum> errata = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "source" -> source = readSource(p);
                    case "documents" -> documents = readArray(p, "documents", Manifest::readEntry);
                    case "errata" -> errata = p.currentToken() == JsonToken.VALUE_NULL
                            ? List.of()
                            : readArray(p, "errata", Manifest::readErratum);
                    default -> p.skipChildren();
                }
            }
            return new Manifest(required(source, "source"), required(documents, "documents"), errata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus manifest", e);
        }
    }

    /** Reads one object's fields into a map of names to scalar values (null for JSON null). */
    private static Map<String, Object> readFields(JsonParser p, String path) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, path);
        Map<String, Object> fields = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (value) {
                case VALUE_STRING -> fields.put(name, p.getText());
                case VALUE_NUMBER_INT -> fields.put(name, p.getIntValue());
                case VALUE_NULL -> fields.put(name, null);
                default -> p.skipChildren();
            }
        }
        return fields;
    }

    private static Source readSource(JsonParser p) throws IOException {
        Map<String, Object> f = readFields(p, "source");
        return new Source(string(f, "source", "resource"), string(f, "source", "sha256"));
    }

    private static Entry readEntry(JsonParser p, String path) throws IOException {
        Map<String, Object> f = readFields(p, path);
        return new Entry(
                integer(f, path, "id"),
                string(f, path, "kind"),
                string(f, path, "title"),
                optionalString(f, path, "subtitle"),
                string(f, path, "author"),
                string(f, path, "titleEn"),
                string(f, path, "authorEn"),
                string(f, path, "source"),
                date(f, path, "published"),
                Optional.ofNullable(optionalString(f, path, "delivered"))
                        .map(d -> parseDate(d, path + ".delivered"))
                        .orElse(null),
                optionalString(f, path, "place"));
    }

    private static Erratum readErratum(JsonParser p, String path) throws IOException {
        Map<String, Object> f = readFields(p, path);
        return new Erratum(
                integer(f, path, "document"),
                integer(f, path, "paragraph"),
                string(f, path, "original"),
                string(f, path, "corrected"),
                optionalString(f, path, "note"));
    }

    private interface ElementReader<T> {
        T read(JsonParser p, String path) throws IOException;
    }

    private static <T> List<T> readArray(JsonParser p, String name, ElementReader<T> element) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY, name);
        List<T> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(element.read(p, name + "[" + items.size() + "]"));
        }
        return items;
    }

    private static void expect(JsonToken actual, JsonToken wanted, String path) {
        if (actual != wanted) {
            throw new CorpusFormatException("manifest: " + path + " must be " + describe(wanted) + ", found " + actual);
        }
    }

    private static String describe(JsonToken token) {
        return token == JsonToken.START_ARRAY ? "an array" : "an object";
    }

    private static <T> T required(T value, String path) {
        if (value == null) throw new CorpusFormatException("manifest: " + path + " is missing");
        return value;
    }

    private static String optionalString(Map<String, Object> fields, String path, String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) return (String) value;
        throw new CorpusFormatException("manifest: " + path + "." + name + " must be a string, found " + value);
    }

    private static String string(Map<String, Object> fields, String path, String name) {
        return required(optionalString(fields, path, name), path + "." + name);
    }

    private static int integer(Map<String, Object> fields, String path, String name) {
        if (fields.get(name) instanceof Integer i) return i;
        throw new CorpusFormatException(
                "manifest: " + path + "." + name + " must be a whole number, found " + fields.get(name));
    }

    private static LocalDate date(Map<String, Object> fields, String path, String name) {
        return parseDate(string(fields, path, name), path + "." + name);
    }

    private static LocalDate parseDate(String text, String path) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CorpusFormatException("manifest: " + path + " must be a date like 2015-12-17, found " + text);
        }
    }
}
