package org.excerptbot.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final String TOKEN = "7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String DISCORD = "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";
    private static final String PASSWORD = "pg-pa\"ss\\word-42";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private LoggerContext context;

    private Logger logger(String format) {
        context = newContext();
        RedactingEncoder encoder = new RedactingEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setPattern("%-5level %logger - %msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return context.getLogger("okhttp3.OkHttpClient");
    }

    private static LoggerContext newContext() {
        LoggerContext c = new LoggerContext();
        c.setMDCAdapter(new LogbackMDCAdapter());
        return c;
    }

    @AfterEach
    void stop() {
        if (context != null) context.stop();
        Redaction.clearForTests();
    }

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBotApiUrlLoggedByAnHttpClientHasItsTokenMasked() {
        logger("text").info("--> POST https://api.telegram.org/bot{}/sendMessage (312-byte body)", TOKEN);

        assertThat(written())
                .isEqualTo("INFO  okhttp3.OkHttpClient - --> POST https://api.telegram.org/bot<redacted>/sendMessage"
                        + " (312-byte body)\n")
                .doesNotContain(TOKEN)
                .doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
    }

    @Test
    void tokensInExceptionsAndStackTracesAreMaskedToo() {
        logger("text")
                .warn(
                        "getMe failed",
                        new IllegalStateException(
                                "401 for https://api.telegram.org/bot" + TOKEN + "/getMe",
                                new RuntimeException("token " + TOKEN + " rejected")));

        assertThat(written())
                .contains("getMe failed")
                .contains("bot<redacted>/getMe")
                .doesNotContain(TOKEN);
    }

    @Test
    void discordTokensAndAuthorizationHeadersAreMasked() {
        Logger log = logger("text");
        log.info("gateway IDENTIFY with token {}", DISCORD);
        log.info("request headers: Authorization: Bot {}", "some-opaque-value-123");

        assertThat(written())
                .doesNotContain(DISCORD)
                .doesNotContain("some-opaque-value-123")
                .contains("gateway IDENTIFY with token <redacted>")
                .contains("Authorization: Bot <redacted>");
    }

    @Test
    void configuredSecretsAreMaskedWhereverTheyAppearInTextAndInJsonLines() throws IOException {
        AppConfig config = ConfigLoader.load(
                Map.of("database.password", PASSWORD, "telegram.webhook-secret", "hook_secret_123"),
                Map.of(),
                Optional.empty());
        LogSetup.apply(config, "INFO");
        Logger log = logger("json");
        log.error("connecting with password {} failed", PASSWORD);
        log.info("webhook header was hook_secret_123");

        List<String> lines = written().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("ERROR");
        assertThat(first.get("loggerName").asText()).isEqualTo("okhttp3.OkHttpClient");
        assertThat(first.get("formattedMessage").asText()).isEqualTo("connecting with password <redacted> failed");
        assertThat(json.readTree(lines.get(1)).get("formattedMessage").asText())
                .isEqualTo("webhook header was <redacted>");
        assertThat(written()).doesNotContain("pa\\\"ss").doesNotContain("hook_secret_123");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        logger("text").info("sent 30 posts at 08:00 Asia/Shanghai to chat -1001234567890");

        assertThat(written())
                .isEqualTo(
                        "INFO  okhttp3.OkHttpClient - sent 30 posts at 08:00 Asia/Shanghai to chat -1001234567890\n");
    }

    @Test
    void theShippedConfigurationMasksTokensAndWritesJsonLinesWhenAsked() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            context = newContext();
            LogConfigurator.configureDefaults(context);
            LogSetup.apply(
                    ConfigLoader.load(Map.of("log.format", "json", "log.level", "warn"), Map.of(), Optional.empty()),
                    "INFO",
                    context);
            context.getLogger("org.excerptbot.telegram.TelegramBot")
                    .warn("polling https://api.telegram.org/bot{}/getUpdates", TOKEN);
            context.getLogger("org.excerptbot.telegram.TelegramBot").info("below the configured level");
        } finally {
            System.setErr(err);
        }

        String line = captured.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).doesNotContain(TOKEN);
        JsonNode node = new ObjectMapper().readTree(line);
        assertThat(node.get("formattedMessage").asText())
                .isEqualTo("polling https://api.telegram.org/bot<redacted>/getUpdates");
        assertThat(node.get("level").asText()).isEqualTo("WARN");
        assertThat(context.getLogger("org.quartz").getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
    }

    @Test
    void theJarConfiguresLogbackInCodeUnlessAFileIsNamed() {
        LoggerContext fresh = newContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(fresh);
        assertThat(configurator.configure(fresh))
                .isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(fresh.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR"))
                .isNotNull();
        assertThat(getClass().getResource("/META-INF/services/ch.qos.logback.classic.spi.Configurator"))
                .isNotNull();
    }
}
