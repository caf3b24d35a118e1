package org.excerptbot.app.ops;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.excerptbot.app.ops.SubscriptionTransfer.InvalidFileException;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.script.ChatPreferenceStore;
import org.excerptbot.core.script.Script;
import org.excerptbot.core.script.ScriptChoice;

/**
 * The {@code chats} section of a subscriptions export: every chat's choice of script ({@code /script}), whether or not
 * the chat subscribes (a reader's private chat, say), so that a move to another database keeps what each chat reads
 * in:
 *
 * <pre>{@code
 * "chats": [{"platform": "telegram", "chatId": "12345", "script": "traditional"}]
 * }</pre>
 *
 * A chat that chose nothing is not listed: it keeps the default of its users' language. Files before version 3 have
 * no such section, and import leaves the chats' choices alone then; chats not in the file keep theirs.
 */
public final class ScriptChoiceTransfer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ID = 64;

    /** What an import of the section did. */
    public record ImportResult(int changed, int unchanged) {}

    private ScriptChoiceTransfer() {}

    /** Adds every chat's choice of the store to the root of an export. */
    static void export(ChatPreferenceStore preferences, ObjectNode root) {
        ArrayNode chats = root.putArray("chats");
        for (ScriptChoice c : preferences.all()) {
            chats.addObject()
                    .put("platform", SubscriptionEntries.word(c.platform()))
                    .put("chatId", c.chatId())
                    .put("script", c.script().word());
        }
    }

    /**
     * The file's choices, checked (a pass of its own over the file, after {@link SubscriptionTransfer#check}, which
     * judges the file as a whole); empty when it has no {@code chats}.
     *
     * @throws InvalidFileException naming the entry and the field that is wrong
     */
    public static List<ScriptChoice> read(SubscriptionTransfer.Source source) {
        try (JsonParser parser = source.open()) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return List.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("chats")) return choices(JSON.readTree(parser));
                if (value.isStructStart()) parser.skipChildren();
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes each chat's choice as in the file. */
    public static ImportResult restore(List<ScriptChoice> choices, ChatPreferenceStore preferences, Instant now) {
        int changed = 0;
        for (ScriptChoice c : choices) {
            if (preferences.restore(c, now)) changed++;
        }
        return new ImportResult(changed, choices.size() - changed);
    }

    private static List<ScriptChoice> choices(JsonNode list) {
        if (!list.isArray()) throw new InvalidFileException("\"chats\" must be an array");
        List<ScriptChoice> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String at = "chats[" + i + "]";
            Platform platform = SubscriptionEntries.enumOf(
                    Platform.class, SubscriptionEntries.text(o, at, "platform"), at + ".platform");
            String chatId = SubscriptionEntries.text(o, at, "chatId");
            if (chatId.isBlank() || chatId.length() > MAX_ID) {
                throw new InvalidFileException(at + ".chatId: must be 1-" + MAX_ID + " characters");
            }
            String word = SubscriptionEntries.text(o, at, "script");
            Script script = Script.parse(word)
                    .orElseThrow(() ->
                            new InvalidFileException(at + ".script: '" + word + "' must be simplified or traditional"));
            if (!seen.add(platform + " " + chatId)) {
                throw new InvalidFileException(
                        at + ": chat " + chatId + " on " + SubscriptionEntries.word(platform) + " is listed twice");
            }
            out.add(new ScriptChoice(platform, chatId, script));
        }
        return out;
    }
}
