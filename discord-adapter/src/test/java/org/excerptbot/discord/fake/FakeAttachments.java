package org.excerptbot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Uploads the way Discord takes them: a {@code multipart/form-data} body of a {@code payload_json} part and file parts
 * named {@code files[n]}, parsed byte for byte; {@code attachments[].id} in the payload refers to {@code n} (new
 * files) or to an attachment the message already has (kept on an edit). Files become attachments with CDN URLs whose
 * bytes a test can {@link #download}; an embed's {@code attachment://name} image becomes that attachment's URL, and
 * one naming no attachment of the message shows no image, as on Discord.
 */
final class FakeAttachments {
    /** Discord's default upload limit per file (the interaction's {@code attachment_size_limit}). */
    static final int FILE_BYTES_MAX = 10_485_760;

    static final int FILES_MAX = 10;

    private static final Pattern FILE_PART = Pattern.compile("files\\[(\\d+)]");
    private static final Pattern DISPOSITION_NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern DISPOSITION_FILE = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    /** A file part: its index {@code n}, name, type and bytes. */
    record Upload(int index, String fileName, String contentType, byte[] data) {}

    /** A request body: the JSON (the payload_json part of a multipart body) and the uploaded files, in order. */
    record Body(JsonNode json, List<Upload> files) {}

    private final ObjectMapper json;
    private final Map<String, byte[]> cdn = new ConcurrentHashMap<>();

    FakeAttachments(ObjectMapper json) {
        this.json = json;
    }

    /** Parses a request body: JSON, or multipart with payload_json and files[n]. */
    Body parse(byte[] raw, String contentType) throws IOException {
        if (raw.length == 0) return new Body(MissingNode.getInstance(), List.of());
        if (!contentType.startsWith("multipart/form-data")) return new Body(json.readTree(raw), List.of());
        String boundary = contentType.replaceFirst(".*boundary=", "").replace("\"", "");
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        JsonNode payload = MissingNode.getInstance();
        List<Upload> files = new ArrayList<>();
        int at = indexOf(raw, delimiter, 0);
        while (at >= 0) {
            int headersStart = at + delimiter.length;
            if (headersStart + 1 < raw.length && raw[headersStart] == '-' && raw[headersStart + 1] == '-') break;
            headersStart += 2; // CRLF after the delimiter
            int headersEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = indexOf(raw, delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) throw new IOException("multipart body cut short");
            String headers = new String(raw, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            byte[] data = java.util.Arrays.copyOfRange(raw, headersEnd + 4, next - 2); // CRLF before the delimiter
            String name = group(DISPOSITION_NAME, headers).orElse("");
            Matcher file = FILE_PART.matcher(name);
            if (name.equals("payload_json")) {
                payload = json.readTree(data);
            } else if (file.matches()) {
                String type = headers.lines()
                        .filter(l -> l.toLowerCase().startsWith("content-type:"))
                        .map(l -> l.substring("content-type:".length()).strip())
                        .findFirst()
                        .orElse("application/octet-stream");
                files.add(new Upload(
                        Integer.parseInt(file.group(1)),
                        group(DISPOSITION_FILE, headers).orElse(name),
                        type,
                        data));
            }
            at = next;
        }
        return new Body(payload, List.copyOf(files));
    }

    /** Why Discord would refuse these files, or empty: too many, or one over the size limit. */
    static Optional<String> refusal(List<Upload> files) {
        if (files.size() > FILES_MAX) return Optional.of("Must be " + FILES_MAX + " or fewer in length.");
        for (Upload f : files) {
            if (f.data().length > FILE_BYTES_MAX) return Optional.of("Request entity too large");
        }
        return Optional.empty();
    }

    /**
     * The attachments of a message after a create or an edit: those of {@code current} that the payload's
     * {@code attachments} keep (all of them when it has no such key), then the new files.
     */
    ArrayNode attachments(
            String channelId, JsonNode payload, List<Upload> files, JsonNode current, Supplier<String> snowflake) {
        ArrayNode out = json.createArrayNode();
        JsonNode listed = payload.path("attachments");
        Map<String, JsonNode> described = new HashMap<>();
        listed.forEach(a -> described.put(a.path("id").asText(), a));
        for (JsonNode old : current) {
            if (listed.isMissingNode() || described.containsKey(old.path("id").asText())) out.add(old.deepCopy());
        }
        for (Upload f : files) {
            JsonNode d = described.getOrDefault(Integer.toString(f.index()), MissingNode.getInstance());
            if (!listed.isMissingNode() && d.isMissingNode()) continue; // a file the payload does not attach
            String id = snowflake.get();
            String fileName = d.path("filename").asText(f.fileName());
            String url = "https://cdn.discordapp.com/attachments/" + channelId + "/" + id + "/" + fileName;
            cdn.put(url, f.data());
            ObjectNode a = out.addObject()
                    .put("id", id)
                    .put("filename", fileName)
                    .put("size", f.data().length)
                    .put("url", url)
                    .put("proxy_url", url.replace("cdn.discordapp.com", "media.discordapp.net"))
                    .put("content_type", f.contentType());
            if (d.hasNonNull("description"))
                a.put("description", d.path("description").asText());
            int[] size = pngSize(f.data());
            if (size != null) a.put("width", size[0]).put("height", size[1]);
        }
        return out;
    }

    /** Embeds with {@code attachment://name} images pointing at the attachment of that name, or without the image. */
    static void resolveImages(ArrayNode embeds, JsonNode attachments) {
        for (JsonNode e : embeds) {
            JsonNode image = e.path("image");
            String url = image.path("url").asText("");
            if (!url.startsWith("attachment://")) continue;
            String name = url.substring("attachment://".length());
            ObjectNode embed = (ObjectNode) e;
            embed.remove("image");
            for (JsonNode a : attachments) {
                if (!a.path("filename").asText().equals(name)) continue;
                ObjectNode resolved = embed.putObject("image")
                        .put("url", a.path("url").asText())
                        .put("proxy_url", a.path("proxy_url").asText());
                if (a.has("width"))
                    resolved.put("width", a.path("width").asInt())
                            .put("height", a.path("height").asInt());
                break;
            }
        }
    }

    /** The bytes behind an attachment's URL, as the CDN serves them. */
    byte[] download(String url) {
        byte[] data = cdn.get(url);
        if (data == null) throw new IllegalArgumentException("url: nothing uploaded at " + url);
        return data.clone();
    }

    /** Width and height from a PNG's IHDR chunk; null if the bytes are not a PNG. */
    static int[] pngSize(byte[] data) {
        if (!isPng(data) || data.length < 24) return null;
        return new int[] {readInt(data, 16), readInt(data, 20)};
    }

    /** True when the bytes start with the PNG signature. */
    static boolean isPng(byte[] data) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (data.length < signature.length) return false;
        for (int i = 0; i < signature.length; i++) if (data[i] != signature[i]) return false;
        return true;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static Optional<String> group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
