package org.excerptbot.app.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one log encoder of excerpt-bot.jar: plain text lines ({@code format} {@code text}, with {@code pattern})
 * or JSON lines ({@code json}, Logback's {@link JsonEncoder} with the formatted message), and in both cases
 * every line passes through {@link Redaction} before it is written, so that no token or secret reaches a log
 * whatever logged it (our code, an HTTP client quoting a {@code /bot<token>/} URL, a stack trace).
 *
 * <p>{@link LogConfigurator} sets it up; in an operator's own logback.xml: {@code <encoder class="org.excerptbot.app.logging.RedactingEncoder">} with
 * {@code <format>} and {@code <pattern>}.
 */
public final class RedactingEncoder extends EncoderBase<ILoggingEvent> {
    /** The pattern of text lines when none is configured. */
    public static final String DEFAULT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";

    private String format = "text";
    private String pattern; // null: the default line, written by TextLayout
    private Encoder<ILoggingEvent> inner;

    /** {@code text} or {@code json} (EXCERPT_BOT_LOG_FORMAT); anything else falls back to text with a warning. */
    public void setFormat(String format) {
        this.format = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
    }

    public String getFormat() {
        return format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if (!format.equals("json") && !format.equals("text")) {
            addWarn("log format '" + format + "' is neither text nor json; using text");
            format = "text";
        }
        if (format.equals("json")) {
            JsonEncoder json = new JsonEncoder();
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithContext(false);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            inner = json;
        } else if (pattern == null) {
            TextLayout layout = new TextLayout();
            layout.setContext(getContext());
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
            text.setLayout(layout);
            text.setCharset(StandardCharsets.UTF_8);
            inner = text;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            text.setCharset(StandardCharsets.UTF_8);
            inner = text;
        }
        inner.setContext(getContext());
        inner.start();
        super.start();
    }

    @Override
    public void stop() {
        if (inner != null) inner.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return inner == null ? null : inner.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] raw = inner.encode(event);
        String line = new String(raw, StandardCharsets.UTF_8);
        String masked = Redaction.mask(line);
        return masked == line ? raw : masked.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return inner == null ? null : inner.footerBytes();
    }
}
