package org.excerptbot.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import org.excerptbot.app.config.AppConfig;
import org.excerptbot.app.config.Setting;
import org.slf4j.LoggerFactory;

/**
 * Applies the loaded configuration to logging: registers every secret setting's value with {@link Redaction}, and
 * sets the log format and the root level. Call it once, right after the configuration is loaded.
 */
public final class LogSetup {
    private LogSetup() {}

    /**
     * @param quietLevel the root level when the configuration sets none: INFO for the bot, WARN for the console
     */
    public static void apply(AppConfig config, String quietLevel) {
        for (Setting s : Setting.values()) {
            if (s.secret()) Redaction.addSecret(config.sources().value(s));
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) apply(config, quietLevel, context);
    }

    static void apply(AppConfig config, String quietLevel, LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(config.logLevel().orElse(quietLevel), Level.INFO));
        useFormat(root, config.logFormat().id());
    }

    /** Switches every appender using a {@link RedactingEncoder} of the root logger to {@code text} or {@code json}. */
    private static void useFormat(Logger root, String format) {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender
                    && appender.getEncoder() instanceof RedactingEncoder old
                    && !old.getFormat().equals(format)) {
                RedactingEncoder encoder = new RedactingEncoder();
                encoder.setContext(root.getLoggerContext());
                encoder.setFormat(format);
                encoder.start();
                appender.setEncoder(encoder);
                old.stop();
            }
        }
    }
}
