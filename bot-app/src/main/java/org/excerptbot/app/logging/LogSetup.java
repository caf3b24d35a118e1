package org.excerptbot.app.logging;

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
 * Applies the loaded configuration to logging: registers every secret setting's value with {@link Redaction},
 * and switches the log format when the configuration (a flag or the YAML file) chose another one than the
 * environment did when Logback started. Call it once, right after the configuration is loaded.
 */
public final class LogSetup {
    private LogSetup() {}

    public static void apply(AppConfig config) {
        for (Setting s : Setting.values()) {
            if (s.secret()) Redaction.addSecret(config.get(s));
        }
        useFormat(config.get(Setting.LOG_FORMAT));
    }

    /** Switches every appender using a {@link RedactingEncoder} of the root logger to {@code text} or {@code json}. */
    public static void useFormat(String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender
                    && appender.getEncoder() instanceof RedactingEncoder old
                    && !old.getFormat().equals(format)) {
                RedactingEncoder encoder = new RedactingEncoder();
                encoder.setContext(context);
                encoder.setFormat(format);
                encoder.start();
                appender.setEncoder(encoder);
                old.stop();
            }
        }
    }
}
