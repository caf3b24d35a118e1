package org.excerptbot.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class TextLayoutTest {
    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(String logger, Level level, String message, Throwable thrown, Object... args) {
        return new LoggingEvent(
                "fqcn", context.getLogger(logger), level, message, thrown, args.length == 0 ? null : args);
    }

    private String pattern(LoggingEvent e) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(RedactingEncoder.DEFAULT_PATTERN);
        layout.start();
        return layout.doLayout(e);
    }

    private String text(LoggingEvent e) {
        TextLayout layout = new TextLayout();
        layout.setContext(context);
        layout.start();
        return layout.doLayout(e);
    }

    @Test
    void writes_what_the_default_pattern_writes() {
        Exception cause = new IllegalStateException("pool closed");
        LoggingEvent[] events = {
            event("org.excerptbot.core.delivery.DeliveryEngine", Level.INFO, "sent {} posts", null, 30),
            event("okhttp3.OkHttpClient", Level.WARN, "slow", null),
            event("x", Level.ERROR, "failed", new UncheckedIOException("no route", new IOException("down", cause))),
            event("org.excerptbot.app.Main", Level.DEBUG, "默认 {}", null, "值"),
        };
        for (LoggingEvent e : events) {
            assertThat(text(e)).isEqualTo(pattern(e));
        }
        assertThat(text(events[0])).endsWith(" INFO  o.e.c.d.DeliveryEngine - sent 30 posts" + System.lineSeparator());
        assertThat(text(events[2])).contains("Caused by: java.io.IOException: down");
    }
}
