package org.excerptbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds the configuration: command-line flags first, then environment variables, then the optional YAML file,
 * then the defaults. Every value is validated; the first invalid one is reported with its key, its origin and the
 * accepted values.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * @param flags {@code --set} pairs, keyed by YAML path or environment name
     * @param env the process environment
     * @param file the YAML file given with {@code --config}, if any
     */
    public static AppConfig load(Map<String, String> flags, Map<String, String> env, Optional<Path> file) {
        Map<Setting, String> fromFile = file.map(ConfigLoader::readYaml).orElse(Map.of());
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<Setting, String> origins = new EnumMap<>(Setting.class);
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            if (Setting.named(flag.getKey()).isEmpty()) {
                throw new ConfigException("--set " + flag.getKey() + ": unknown setting. Known settings: " + known());
            }
        }
        for (Setting s : Setting.values()) {
            String flag = flags.containsKey(s.yamlPath()) ? flags.get(s.yamlPath()) : flags.get(s.env());
            if (flag != null) {
                values.put(s, flag.strip());
                origins.put(s, "flag --set " + s.yamlPath());
            } else if (env.get(s.env()) != null && !env.get(s.env()).isBlank()) {
                values.put(s, env.get(s.env()).strip());
                origins.put(s, "environment " + s.env());
            } else if (fromFile.containsKey(s)) {
                values.put(s, fromFile.get(s));
                origins.put(s, "file " + file.get() + " (" + s.yamlPath() + ")");
            } else {
                values.put(s, s.defaultValue());
                origins.put(s, "default");
            }
            String v = values.get(s);
            if (!s.accepts(v)) {
                String shown = s.secret() ? "(hidden)" : "'" + v + "'";
                throw new ConfigException(s.env() + " (" + s.yamlPath() + ") from " + origins.get(s) + " is " + shown
                        + ", but it must be " + s.accepted() + ".");
            }
        }
        return typed(new Sources(values, origins));
    }

    /** The typed configuration, with every check that spans several settings. */
    private static AppConfig typed(Sources raw) {
        String webhookUrl = raw.value(Setting.TELEGRAM_WEBHOOK_URL);
        if (!webhookUrl.isEmpty() && raw.value(Setting.TELEGRAM_WEBHOOK_SECRET).isEmpty()) {
            throw new ConfigException("TELEGRAM_WEBHOOK_SECRET (telegram.webhook-secret) must be set when "
                    + "TELEGRAM_WEBHOOK_URL is: " + Setting.TELEGRAM_WEBHOOK_SECRET.accepted() + ".");
        }
        if (!webhookUrl.isEmpty() && raw.value(Setting.HTTP_PORT).isEmpty()) {
            throw new ConfigException("TELEGRAM_WEBHOOK_URL is set but EXCERPT_BOT_HTTP_PORT is not: set the port"
                    + " the webhook endpoint listens on (1-65535), or unset TELEGRAM_WEBHOOK_URL to use long polling.");
        }
        String publicUrl = raw.value(Setting.HTTP_PUBLIC_URL);
        if (!publicUrl.isEmpty() && raw.value(Setting.HTTP_PORT).isEmpty()) {
            throw new ConfigException("EXCERPT_BOT_PUBLIC_URL is set but EXCERPT_BOT_HTTP_PORT is not: set the port"
                    + " the HTTP server listens on (1-65535) behind that URL, or unset EXCERPT_BOT_PUBLIC_URL.");
        }
        String dbUrl = raw.value(Setting.DB_URL);
        String port = raw.value(Setting.HTTP_PORT);
        String level = raw.value(Setting.LOG_LEVEL);
        return new AppConfig(
                ZoneId.of(raw.value(Setting.TIMEZONE)),
                Long.parseLong(raw.value(Setting.SEED)),
                Locale.forLanguageTag(raw.value(Setting.LANGUAGE)),
                Path.of(raw.value(Setting.DATA_DIR)),
                dbUrl.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new AppConfig.ExternalDatabase(
                                dbUrl, raw.value(Setting.DB_USER), raw.value(Setting.DB_PASSWORD))),
                PlatformSettings.telegram(raw),
                PlatformSettings.discord(raw),
                port.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(port)),
                publicUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(publicUrl.replaceAll("/+$", ""))),
                Duration.ofMillis(new BigDecimal(raw.value(Setting.CLUSTER_CHECKIN))
                        .movePointRight(3)
                        .longValue()),
                AppConfig.LogFormat.valueOf(raw.value(Setting.LOG_FORMAT).toUpperCase(Locale.ROOT)),
                level.isEmpty() ? Optional.empty() : Optional.of(level.toUpperCase(Locale.ROOT)),
                raw);
    }

    private static Map<Setting, String> readYaml(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("--config " + path + ": no such file. Write a template with: "
                    + "java -jar excerpt-bot.jar config init --file " + path);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
        } catch (IOException e) {
            throw new ConfigException("--config " + path + ": not valid YAML ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Map<Setting, String> out = new EnumMap<>(Setting.class);
        if (root == null || root.isMissingNode() || root.isNull()) return out;
        if (!root.isObject()) throw new ConfigException("--config " + path + ": the file must hold a YAML mapping");
        flatten("", root, out, path);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<Setting, String> out, Path path) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            if (field.getValue().isObject()) {
                flatten(key + ".", field.getValue(), out, path);
            } else {
                Setting s = Setting.named(key)
                        .filter(x -> x.yamlPath().equals(key))
                        .orElseThrow(() ->
                                new ConfigException(path + ": unknown key '" + key + "'. Known keys: " + known()));
                out.put(s, field.getValue().isNull() ? "" : field.getValue().asText());
            }
        }
    }

    private static String known() {
        StringBuilder out = new StringBuilder();
        for (Setting s : Setting.values()) {
            if (out.length() > 0) out.append(", ");
            out.append(s.yamlPath());
        }
        return out.toString();
    }
}
