package org.excerptbot.app.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.metrics.BotMetrics;
import org.excerptbot.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BotMetrics} on a Micrometer Prometheus registry, served by {@link OpsServer} on {@code /metrics}. The
 * series (all prefixed {@code excerptbot_}):
 *
 * <ul>
 *   <li>{@code commands_total{platform,command}}: commands handled, by registered name;
 *   <li>{@code replies_total{platform,kind}}: replies given (content, notice, error);
 *   <li>{@code posts_sent_total{platform}} and {@code posts_failed_total{platform,kind}}: daily posts;
 *   <li>{@code rate_limited_total{platform}}: 429s received;
 *   <li>{@code delivery_queue_depth}: posts waiting to be sent;
 *   <li>{@code delivery_backlog_posts{platform}} and {@code delivery_backlog_oldest_age_seconds{platform}}: the
 *       posts due and not sent yet, and how long the oldest has waited (read at most every few seconds);
 *   <li>{@code scheduler_lag_seconds}: how late slot triggers fired (count, sum, max).
 * </ul>
 *
 * plus the JVM's memory, threads, CPU and uptime.
 */
public final class MicrometerBotMetrics implements BotMetrics {
    private static final Logger log = LoggerFactory.getLogger(MicrometerBotMetrics.class);

    private final PrometheusMeterRegistry registry;

    public MicrometerBotMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Timer.builder("excerptbot.scheduler.lag")
                .description("How late slot triggers fired after their scheduled time")
                .register(registry);
    }

    /** The registry, for extra meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void commandHandled(Platform platform, String command, Reply.Kind outcome) {
        Objects.requireNonNull(command, "command");
        Counter.builder("excerptbot.commands")
                .description("Commands handled, by name")
                .tag("platform", tag(platform))
                .tag("command", command)
                .register(registry)
                .increment();
        Counter.builder("excerptbot.replies")
                .description("Replies given, by kind")
                .tag("platform", tag(platform))
                .tag("kind", tag(outcome))
                .register(registry)
                .increment();
    }

    @Override
    public void postSent(Platform platform) {
        Counter.builder("excerptbot.posts.sent")
                .description("Daily posts delivered")
                .tag("platform", tag(platform))
                .register(registry)
                .increment();
    }

    @Override
    public void postFailed(Platform platform, FailureKind kind) {
        Counter.builder("excerptbot.posts.failed")
                .description("Daily post sends that failed, by kind")
                .tag("platform", tag(platform))
                .tag("kind", tag(kind))
                .register(registry)
                .increment();
    }

    @Override
    public void rateLimited(Platform platform) {
        Counter.builder("excerptbot.rate.limited")
                .description("429 Too Many Requests answers received")
                .tag("platform", tag(platform))
                .register(registry)
                .increment();
    }

    @Override
    public void schedulerLag(Duration lag) {
        Objects.requireNonNull(lag, "lag");
        registry.timer("excerptbot.scheduler.lag").record(lag.isNegative() ? Duration.ZERO : lag);
    }

    @Override
    public void deliveryQueueDepth(Supplier<? extends Number> depth) {
        Objects.requireNonNull(depth, "depth");
        Gauge.builder("excerptbot.delivery.queue.depth", depth, MicrometerBotMetrics::read)
                .description("Daily posts waiting to be sent")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void deliveryBacklog(
            Platform platform, Supplier<? extends Number> waiting, Supplier<? extends Number> oldestAgeSeconds) {
        Objects.requireNonNull(waiting, "waiting");
        Objects.requireNonNull(oldestAgeSeconds, "oldestAgeSeconds");
        Gauge.builder("excerptbot.delivery.backlog.posts", waiting, MicrometerBotMetrics::read)
                .description("Daily posts due and not sent yet")
                .tag("platform", tag(platform))
                .strongReference(true)
                .register(registry);
        Gauge.builder("excerptbot.delivery.backlog.oldest.age", oldestAgeSeconds, MicrometerBotMetrics::read)
                .description("How long the oldest post due and not sent yet has waited past its due time")
                .baseUnit("seconds")
                .tag("platform", tag(platform))
                .strongReference(true)
                .register(registry);
    }

    private static double read(Supplier<? extends Number> value) {
        try {
            Number n = value.get();
            return n == null ? Double.NaN : n.doubleValue();
        } catch (RuntimeException e) {
            log.warn("metrics: a delivery gauge could not be read: {}", e.toString());
            return Double.NaN;
        }
    }

    private static String tag(Enum<?> value) {
        return Objects.requireNonNull(value, "label").name().toLowerCase(Locale.ROOT);
    }
}
