package org.excerptbot.app.logging;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.excerptbot.app.config.Setting;

/**
 * Masks secrets in text bound for a log: anything shaped like a Telegram bot token (also inside
 * {@code /bot<token>/} URLs that HTTP clients log), a Discord token or an {@code Authorization} header, and every
 * configured secret value (tokens, the database password, the webhook secret) wherever it appears.
 *
 * <p>The secrets of the environment are known from the start; {@link #addSecret} adds those read from flags or
 * the YAML file. Shared by every log encoder of the process.
 */
public final class Redaction {
    /** What replaces a secret. */
    public static final String MASK = "<redacted>";

    /** Secret values shorter than this are not masked as plain strings (they would mask ordinary words). */
    static final int MIN_SECRET_LENGTH = 6;

    private static final Pattern BOT_URL = Pattern.compile("bot\\d{3,20}:[A-Za-z0-9_-]{20,}");
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("\\b\\d{3,20}:[A-Za-z0-9_-]{20,}");
    private static final Pattern DISCORD_TOKEN =
            Pattern.compile("\\b[A-Za-z0-9_-]{23,28}\\.[A-Za-z0-9_-]{6,7}\\.[A-Za-z0-9_-]{27,}");
    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)(authorization[\"']?\\s*[:=]\\s*[\"']?(?:bot|bearer|basic)?\\s*)[^\\s\"',;]+");

    private static final List<String> secrets = new CopyOnWriteArrayList<>();

    static {
        addSecretsFrom(System.getenv());
    }

    private Redaction() {}

    /** Masks every occurrence of {@code value} from now on (ignored when blank or very short). */
    public static synchronized void addSecret(String value) {
        if (value == null || value.strip().length() < MIN_SECRET_LENGTH) return;
        String v = value.strip();
        for (String form : List.of(v, jsonEscaped(v))) {
            if (!secrets.contains(form)) secrets.add(form);
        }
        secrets.sort(Comparator.comparingInt(String::length).reversed());
    }

    /** Adds the value of every secret setting present in {@code env}, keyed by environment name. */
    public static void addSecretsFrom(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        for (Setting s : Setting.values()) {
            if (s.secret()) addSecret(env.get(s.env()));
        }
    }

    /** The text with every secret masked. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) out = out.replace(secret, MASK);
        }
        out = BOT_URL.matcher(out).replaceAll("bot" + MASK);
        out = TELEGRAM_TOKEN.matcher(out).replaceAll(MASK);
        out = DISCORD_TOKEN.matcher(out).replaceAll(MASK);
        out = AUTHORIZATION.matcher(out).replaceAll("$1" + MASK);
        return out;
    }

    /** Forgets the added secrets (tests). */
    static void clearForTests() {
        secrets.clear();
    }

    private static String jsonEscaped(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append('/');
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }
}
