package org.excerptbot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validation Discord applies to request bodies, as documented: message and embed limits, components,
 * application commands and autocomplete choices. Each check returns the problems by JSON path; empty means valid,
 * otherwise the fake answers 400 {@code Invalid Form Body} (code 50035) as Discord does.
 */
final class DiscordRules {
    static final Set<String> LOCALES = Set.of(
            "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl",
            "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja", "zh-TW",
            "ko");
    private static final Pattern NAME = Pattern.compile("^[-_\\p{L}\\p{N}\\p{IsDevanagari}\\p{IsThai}]{1,32}$");
    /** User and message commands (context menus) may have capitals and spaces in their names. */
    private static final Pattern CONTEXT_MENU_NAME = Pattern.compile("^[-_ '\\p{L}\\p{N}]{1,32}$");

    private DiscordRules() {}

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    private static void max(Map<String, String> errors, String path, JsonNode node, int max) {
        int n = length(text(node));
        if (n > max) errors.put(path, "Must be " + max + " or fewer in length (was " + n + ").");
    }

    private static void between(Map<String, String> errors, String path, JsonNode node, int min, int max) {
        int n = length(text(node));
        if (n < min || n > max)
            errors.put(path, "Must be between " + min + " and " + max + " in length (was " + n + ").");
    }

    /** A message body (create, edit, interaction response data, webhook execute). */
    static Map<String, String> message(JsonNode body, boolean edit) {
        Map<String, String> errors = new LinkedHashMap<>();
        max(errors, "content", body.path("content"), 2000);
        JsonNode embeds = body.path("embeds");
        if (embeds.size() > 10) errors.put("embeds", "Must be 10 or fewer in length.");
        int total = 0;
        for (int i = 0; i < embeds.size(); i++) {
            JsonNode e = embeds.get(i);
            String p = "embeds." + i + ".";
            max(errors, p + "title", e.path("title"), 256);
            max(errors, p + "description", e.path("description"), 4096);
            max(errors, p + "footer.text", e.path("footer").path("text"), 2048);
            max(errors, p + "author.name", e.path("author").path("name"), 256);
            total += length(text(e.path("title")))
                    + length(text(e.path("description")))
                    + length(text(e.path("footer").path("text")))
                    + length(text(e.path("author").path("name")));
            JsonNode fields = e.path("fields");
            if (fields.size() > 25) errors.put(p + "fields", "Must be 25 or fewer in length.");
            for (int f = 0; f < fields.size(); f++) {
                between(errors, p + "fields." + f + ".name", fields.get(f).path("name"), 1, 256);
                between(errors, p + "fields." + f + ".value", fields.get(f).path("value"), 1, 1024);
                total += length(text(fields.get(f).path("name")))
                        + length(text(fields.get(f).path("value")));
            }
        }
        if (total > 6000) errors.put("embeds", "Embed size exceeds maximum size of 6000 (was " + total + ").");
        JsonNode rows = body.path("components");
        if (rows.size() > 5) errors.put("components", "Must be 5 or fewer in length.");
        Set<String> ids = new HashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            String p = "components." + r;
            if (row.path("type").asInt() != 1) errors.put(p + ".type", "Top-level components must be action rows.");
            JsonNode buttons = row.path("components");
            if (buttons.isEmpty() || buttons.size() > 5)
                errors.put(p + ".components", "Must be between 1 and 5 in length.");
            for (int b = 0; b < buttons.size(); b++) {
                JsonNode button = buttons.get(b);
                String bp = p + ".components." + b;
                max(errors, bp + ".label", button.path("label"), 80);
                if (button.path("style").asInt() != 5) {
                    between(errors, bp + ".custom_id", button.path("custom_id"), 1, 100);
                    if (!ids.add(text(button.path("custom_id")))) {
                        errors.put(bp + ".custom_id", "Component custom id cannot be duplicated.");
                    }
                }
            }
        }
        if (!edit && text(body.path("content")).isEmpty() && embeds.isEmpty() && rows.isEmpty()) {
            errors.put("", "Cannot send an empty message");
        }
        return errors;
    }

    /** The body of {@code PUT applications/{app}/commands}. */
    /** An optional list of distinct small numbers from 0 to {@code max} (integration types 0-1, contexts 0-2). */
    private static void enumList(Map<String, String> errors, String path, JsonNode list, int max) {
        if (list.isMissingNode() || list.isNull()) return;
        if (!list.isArray() || list.isEmpty()) {
            errors.put(path, "Must be a non-empty array.");
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (JsonNode v : list) {
            // Discord takes the numbers as JSON numbers or as strings of digits (JDA sends strings)
            boolean number = v.canConvertToInt() || (v.isTextual() && v.asText().matches("\\d{1,2}"));
            if (!number || v.asInt() < 0 || v.asInt() > max || !seen.add(v.asInt())) {
                errors.put(path, "Value \"" + v + "\" is not a valid enum value.");
            }
        }
    }

    static Map<String, String> commands(JsonNode body) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!body.isArray()) {
            errors.put("", "Expected an array of commands.");
            return errors;
        }
        if (body.size() > 100) errors.put("", "Must be 100 or fewer in length.");
        // Discord allows 5 user and 5 message context-menu commands per application
        for (int type = 2; type <= 3; type++) {
            int menu = type;
            long count = java.util.stream.StreamSupport.stream(body.spliterator(), false)
                    .filter(c -> c.path("type").asInt(1) == menu)
                    .count();
            if (count > 5)
                errors.put("", "Maximum number of " + (menu == 2 ? "user" : "message") + " commands reached (5)");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode c = body.get(i);
            String p = i + ".";
            int type = c.path("type").asInt(1);
            enumList(errors, p + "integration_types", c.path("integration_types"), 1);
            enumList(errors, p + "contexts", c.path("contexts"), 2);
            if (type == 2 || type == 3) {
                contextMenu(errors, p, c);
                if (!names.add(type + ":" + text(c.path("name"))))
                    errors.put(p + "name", "Application command names must be unique");
                continue;
            }
            name(errors, p + "name", c.path("name"));
            if (!names.add("1:" + text(c.path("name"))))
                errors.put(p + "name", "Application command names must be unique");
            between(errors, p + "description", c.path("description"), 1, 100);
            localizations(errors, p, c, 100);
            JsonNode perms = c.path("default_member_permissions");
            if (!perms.isMissingNode() && !perms.isNull() && !text(perms).matches("\\d+")) {
                errors.put(p + "default_member_permissions", "Must be a permission bit set as a string.");
            }
            JsonNode options = c.path("options");
            if (options.size() > 25) errors.put(p + "options", "Must be 25 or fewer in length.");
            boolean optionalSeen = false;
            Set<String> optionNames = new HashSet<>();
            for (int o = 0; o < options.size(); o++) {
                JsonNode opt = options.get(o);
                String op = p + "options." + o + ".";
                name(errors, op + "name", opt.path("name"));
                if (!optionNames.add(text(opt.path("name")))) errors.put(op + "name", "Option names must be unique");
                between(errors, op + "description", opt.path("description"), 1, 100);
                localizations(errors, op, opt, 100);
                boolean required = opt.path("required").asBoolean(false);
                if (required && optionalSeen)
                    errors.put(op + "required", "Required options must be placed before non-required options");
                optionalSeen |= !required;
                JsonNode choices = opt.path("choices");
                if (choices.size() > 25) errors.put(op + "choices", "Must be 25 or fewer in length.");
                if (!choices.isEmpty() && opt.path("autocomplete").asBoolean(false)) {
                    errors.put(op + "autocomplete", "Autocomplete and choices cannot both be set.");
                }
                for (int ch = 0; ch < choices.size(); ch++) {
                    between(
                            errors,
                            op + "choices." + ch + ".name",
                            choices.get(ch).path("name"),
                            1,
                            100);
                }
            }
        }
        return errors;
    }

    /** A user or message command: a name of up to 32 characters, no description, no options. */
    private static void contextMenu(Map<String, String> errors, String p, JsonNode c) {
        if (!CONTEXT_MENU_NAME.matcher(text(c.path("name"))).matches()) {
            errors.put(p + "name", "Invalid application command name '" + text(c.path("name")) + "'");
        }
        c.path("name_localizations").fields().forEachRemaining(e -> {
            if (!LOCALES.contains(e.getKey())) errors.put(p + "name_localizations", "Invalid locale " + e.getKey());
            if (!CONTEXT_MENU_NAME.matcher(text(e.getValue())).matches()) {
                errors.put(p + "name_localizations." + e.getKey(), "Invalid application command name");
            }
        });
        if (!text(c.path("description")).isEmpty()) {
            errors.put(p + "description", "Context menu commands cannot have a description");
        }
        if (!c.path("options").isEmpty()) errors.put(p + "options", "Context menu commands cannot have options");
    }

    private static void name(Map<String, String> errors, String path, JsonNode node) {
        String s = text(node);
        if (!NAME.matcher(s).matches() || !s.equals(s.toLowerCase(java.util.Locale.ROOT))) {
            errors.put(path, "Invalid application command name '" + s + "'");
        }
    }

    private static void localizations(Map<String, String> errors, String p, JsonNode c, int maxDescription) {
        c.path("name_localizations").fields().forEachRemaining(e -> {
            if (!LOCALES.contains(e.getKey())) errors.put(p + "name_localizations", "Invalid locale " + e.getKey());
            name(errors, p + "name_localizations." + e.getKey(), e.getValue());
        });
        c.path("description_localizations").fields().forEachRemaining(e -> {
            if (!LOCALES.contains(e.getKey())) {
                errors.put(p + "description_localizations", "Invalid locale " + e.getKey());
            }
            between(errors, p + "description_localizations." + e.getKey(), e.getValue(), 1, maxDescription);
        });
    }

    /** The data of an autocomplete result (callback type 8). */
    static Map<String, String> choices(JsonNode data) {
        Map<String, String> errors = new LinkedHashMap<>();
        JsonNode choices = data.path("choices");
        if (choices.size() > 25) errors.put("data.choices", "Must be 25 or fewer in length.");
        for (int i = 0; i < choices.size(); i++) {
            between(errors, "data.choices." + i + ".name", choices.get(i).path("name"), 1, 100);
            JsonNode value = choices.get(i).path("value");
            if (value.isTextual()) max(errors, "data.choices." + i + ".value", value, 100);
        }
        return errors;
    }
}
