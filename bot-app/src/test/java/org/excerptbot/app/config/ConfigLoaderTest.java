package org.excerptbot.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("excerpt-bot.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws Exception {
        Path file = yaml("timezone: Europe/London\nhttp:\n  port: 8081\nlog:\n  format: json\n");
        Map<String, String> env = Map.of("EXCERPT_BOT_TIMEZONE", "America/New_York", "EXCERPT_BOT_HTTP_PORT", "8082");
        Map<String, String> flags = Map.of("timezone", "Asia/Tokyo");

        AppConfig all = ConfigLoader.load(flags, env, Optional.of(file));
        assertThat(all.sources().value(Setting.TIMEZONE)).isEqualTo("Asia/Tokyo");
        assertThat(all.sources().origin(Setting.TIMEZONE)).isEqualTo("flag --set timezone");
        assertThat(all.sources().value(Setting.HTTP_PORT)).isEqualTo("8082");
        assertThat(all.sources().origin(Setting.HTTP_PORT)).isEqualTo("environment EXCERPT_BOT_HTTP_PORT");
        assertThat(all.sources().value(Setting.LOG_FORMAT)).isEqualTo("json");
        assertThat(all.sources().origin(Setting.LOG_FORMAT)).isEqualTo("file " + file + " (log.format)");
        assertThat(all.sources().value(Setting.LANGUAGE)).isEqualTo("zh");
        assertThat(all.sources().origin(Setting.LANGUAGE)).isEqualTo("default");

        AppConfig noFlag = ConfigLoader.load(Map.of(), env, Optional.of(file));
        assertThat(noFlag.zone().getId()).isEqualTo("America/New_York");

        AppConfig noEnv = ConfigLoader.load(Map.of(), Map.of(), Optional.of(file));
        assertThat(noEnv.zone().getId()).isEqualTo("Europe/London");
        assertThat(noEnv.sources().value(Setting.HTTP_PORT)).isEqualTo("8081");

        AppConfig nothing = ConfigLoader.load(Map.of(), Map.of(), Optional.empty());
        assertThat(nothing.zone().getId()).isEqualTo("Asia/Shanghai");
        assertThat(nothing.sources().value(Setting.HTTP_PORT)).isEmpty();
    }

    @Test
    void aFlagMayNameASettingByItsEnvironmentNameAndABlankVariableCountsAsUnset() {
        AppConfig c = ConfigLoader.load(
                Map.of("EXCERPT_BOT_TIMEZONE", "UTC"), Map.of("EXCERPT_BOT_LANGUAGE", "  "), Optional.empty());

        assertThat(c.zone().getId()).isEqualTo("UTC");
        assertThat(c.sources().value(Setting.LANGUAGE)).isEqualTo("zh");
    }

    @Test
    void anInvalidValueNamesTheKeyWhereItCameFromAndWhatIsAccepted() {
        assertThatThrownBy(() ->
                        ConfigLoader.load(Map.of(), Map.of("EXCERPT_BOT_TIMEZONE", "Mars/Olympus"), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("EXCERPT_BOT_TIMEZONE (timezone) from environment EXCERPT_BOT_TIMEZONE is 'Mars/Olympus',"
                        + " but it must be an IANA time zone such as Asia/Shanghai or Europe/London.");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("http.port", "70000"), Map.of(), Optional.empty()))
                .hasMessage("EXCERPT_BOT_HTTP_PORT (http.port) from flag --set http.port is '70000', but it must be a"
                        + " port number 1-65535, or empty for no HTTP endpoint.");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("log.format", "xml"), Map.of(), Optional.empty()))
                .hasMessageContaining("log.format")
                .hasMessageContaining("text or json");
    }

    @Test
    void thePublicUrlIsAnAbsoluteHttpsUrlHttpOnlyOnLoopbackAndNeedsThePort() {
        for (String good : List.of(
                "https://bot.example.org",
                "https://bot.example.org/excerpt/",
                "http://127.0.0.1:8080",
                "http://localhost:8080/")) {
            AppConfig c =
                    ConfigLoader.load(Map.of("http.public-url", good, "http.port", "8080"), Map.of(), Optional.empty());
            assertThat(c.publicUrl()).as(good).isPresent();
            assertThat(c.publicUrl().get().toString()).as(good).doesNotEndWith("/");
        }
        assertThat(ConfigLoader.load(Map.of(), Map.of(), Optional.empty()).publicUrl())
                .isEmpty();
        for (String bad : List.of(
                "http://bot.example.org",
                "bot.example.org",
                "/cards",
                "ftp://bot.example.org",
                "https://bot.example.org/?a=1",
                "https://bot.example.org/#x",
                "https://user:pw@bot.example.org")) {
            assertThatThrownBy(() -> ConfigLoader.load(
                            Map.of("http.public-url", bad, "http.port", "8080"), Map.of(), Optional.empty()))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("EXCERPT_BOT_PUBLIC_URL (http.public-url)")
                    .hasMessageContaining("http only for 127.0.0.1, ::1 or localhost");
        }
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of("http.public-url", "https://bot.example.org"), Map.of(), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXCERPT_BOT_PUBLIC_URL is set but EXCERPT_BOT_HTTP_PORT is not");
    }

    @Test
    void theClusterCheckInIsSecondsWithDecimalsWithinBounds() {
        assertThat(ConfigLoader.load(Map.of(), Map.of(), Optional.empty()).clusterCheckin())
                .isEqualTo(java.time.Duration.ofMillis(7500));
        assertThat(ConfigLoader.load(Map.of(), Map.of("EXCERPT_BOT_CLUSTER_CHECKIN", "1"), Optional.empty())
                        .clusterCheckin())
                .isEqualTo(java.time.Duration.ofSeconds(1));
        for (String bad : List.of("0.1", "301", "7,5", "-1", "1e3")) {
            assertThatThrownBy(
                            () -> ConfigLoader.load(Map.of("cluster.checkin-seconds", bad), Map.of(), Optional.empty()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("EXCERPT_BOT_CLUSTER_CHECKIN (cluster.checkin-seconds) from flag --set"
                            + " cluster.checkin-seconds is '" + bad + "', but it must be a number of seconds from 0.5"
                            + " to 300, such as 7.5.");
        }
    }

    @Test
    void anInvalidSecretIsReportedWithoutShowingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of(), Map.of("TELEGRAM_BOT_TOKEN", "pasted-the-wrong-thing"), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "TELEGRAM_BOT_TOKEN (telegram.token) from environment TELEGRAM_BOT_TOKEN is (hidden)")
                .hasMessageContaining("@BotFather")
                .message()
                .doesNotContain("pasted-the-wrong-thing");
    }

    @Test
    void unknownKeysAreNamedWithTheKnownOnes() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("time-zone", "UTC"), Map.of(), Optional.empty()))
                .hasMessageStartingWith("--set time-zone: unknown setting. Known settings: timezone, seed,");
        Path file = yaml("telegram:\n  tokn: 123\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), Optional.of(file)))
                .hasMessageStartingWith(file + ": unknown key 'telegram.tokn'. Known keys:")
                .hasMessageContaining("telegram.token");
    }

    @Test
    void aMissingOrMalformedFileIsExplained() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), Optional.of(missing)))
                .hasMessage("--config " + missing + ": no such file. Write a template with: java -jar excerpt-bot.jar"
                        + " config init --file " + missing);
        Path list = yaml("- a\n- b\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), Optional.of(list)))
                .hasMessage("--config " + list + ": the file must hold a YAML mapping");
        Path broken = yaml("timezone: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), Optional.of(broken)))
                .hasMessageStartingWith("--config " + broken + ": not valid YAML");
    }

    @Test
    void aWebhookUrlNeedsASecret() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of("telegram.webhook-url", "https://bot.example.org/tg"), Map.of(), Optional.empty()))
                .hasMessageStartingWith(
                        "TELEGRAM_WEBHOOK_SECRET (telegram.webhook-secret) must be set when TELEGRAM_WEBHOOK_URL is");
    }

    @Test
    void aWebhookUrlNeedsAnHttpPortToReceiveTheUpdates() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        Map.of("telegram.webhook-url", "https://bot.example.org/tg", "telegram.webhook-secret", "s3"),
                        Map.of(),
                        Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("TELEGRAM_WEBHOOK_URL is set but EXCERPT_BOT_HTTP_PORT is not");
    }

    @Test
    void theLoaderBuildsEachSettingOnceTyped() {
        AppConfig c = ConfigLoader.load(
                Map.of(
                        "telegram.token", "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        "telegram.api-url", "http://127.0.0.1:8081",
                        "telegram.webhook-url", "https://bot.example.org/tg/updates",
                        "telegram.webhook-secret", "s3cret_42",
                        "http.port", "8443",
                        "database.url", "jdbc:postgresql://127.0.0.1:5432/test",
                        "database.user", "postgres",
                        "log.level", "debug",
                        "language", "en"),
                Map.of(),
                Optional.empty());

        assertThat(c.telegram()).get().satisfies(t -> {
            assertThat(t.apiUrl()).hasToString("http://127.0.0.1:8081");
            assertThat(t.webhook()).get().satisfies(w -> assertThat(w.url())
                    .hasToString("https://bot.example.org/tg/updates"));
        });
        assertThat(c.discord()).isEmpty();
        assertThat(c.hasPlatform()).isTrue();
        assertThat(c.httpPort()).hasValue(8443);
        assertThat(c.database())
                .get()
                .extracting(AppConfig.ExternalDatabase::user)
                .isEqualTo("postgres");
        assertThat(c.logLevel()).hasValue("DEBUG");
        assertThat(c.language().getLanguage()).isEqualTo("en");
        assertThat(c.logFormat()).isEqualTo(AppConfig.LogFormat.TEXT);
    }

    @Test
    void anUnknownLogLevelIsRefusedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("EXCERPT_BOT_LOG_LEVEL", "loud"), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("EXCERPT_BOT_LOG_LEVEL (log.level)")
                .hasMessageContaining("error, warn, info, debug or trace");
    }

    @Test
    void configInitWritesATemplateThatLoadsBackToTheDefaultsAndRefusesToOverwrite() throws Exception {
        Path file = dir.resolve("bot.yaml");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int first;
        int second;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            first = new CommandLine(new ConfigTemplate.InitCommand()).execute("--file", file.toString());
            second = new CommandLine(new ConfigTemplate.InitCommand()).execute("--file", file.toString());
        } finally {
            System.setOut(out);
        }
        assertThat(first).isZero();
        assertThat(second).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Wrote " + file.toAbsolutePath());

        String text = Files.readString(file);
        assertThat(text).contains("# Accepted: zh or en. Environment: EXCERPT_BOT_LANGUAGE");
        AppConfig loaded = ConfigLoader.load(Map.of(), Map.of(), Optional.of(file));
        for (Setting s : Setting.values()) {
            assertThat(loaded.sources().value(s)).as(s.yamlPath()).isEqualTo(s.defaultValue());
            assertThat(loaded.sources().origin(s)).as(s.yamlPath()).startsWith("file ");
        }

        Files.writeString(file, text.replace("timezone: \"Asia/Shanghai\"", "timezone: \"Europe/Paris\""));
        Map<String, String> env = new HashMap<>();
        assertThat(ConfigLoader.load(Map.of(), env, Optional.of(file)).zone().getId())
                .isEqualTo("Europe/Paris");
    }
}
