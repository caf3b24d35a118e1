package org.excerptbot.telegram;

import java.net.URI;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.excerptbot.core.metrics.HealthCheck;

/**
 * The {@code telegram} check of {@code /healthz}: down while connecting (with what went wrong last), after a
 * refusal and once stopped; once connected, what the intake says (down while getUpdates fails); degraded while the
 * command menus are not published, since commands are answered all the same.
 */
final class TelegramHealth implements HealthCheck {
    private final URI apiUrl;
    private final Connector connector;
    private final UpdateIntake intake;
    private final Supplier<Optional<String>> menuProblem;
    private final BooleanSupplier closed;

    TelegramHealth(
            URI apiUrl,
            Connector connector,
            UpdateIntake intake,
            Supplier<Optional<String>> menuProblem,
            BooleanSupplier closed) {
        this.apiUrl = apiUrl;
        this.connector = connector;
        this.intake = intake;
        this.menuProblem = menuProblem;
        this.closed = closed;
    }

    @Override
    public Result check() {
        if (closed.getAsBoolean()) return Result.down("stopped");
        Connector.Status start = connector.status();
        switch (start.state()) {
            case CONNECTING:
                return Result.down(
                        start.problem().isEmpty()
                                ? "connecting to " + apiUrl
                                : start.problem() + "; retrying since " + start.since());
            case REFUSED:
                return Result.down(start.problem());
            case STOPPED:
                return Result.down("stopped");
            default:
                break;
        }
        Result receiving = intake.health(start.me().orElseThrow(), start.since());
        Optional<String> menus = menuProblem.get();
        if (receiving.status() == Status.DOWN || menus.isEmpty()) return receiving;
        return Result.degraded(receiving.detail() + "; command menu not published: " + menus.get());
    }
}
