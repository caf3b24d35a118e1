package org.excerptbot.core.subscription;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Locality;
import org.excerptbot.core.command.Privacy;
import org.excerptbot.core.delivery.Delivery;
import org.excerptbot.core.delivery.DeliveryStatus;
import org.excerptbot.core.delivery.PostHistory;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;

/**
 * The commands {@code /subscribe [HH:MM] [Area/City] [daily|sequential] [text|card] [days]}, {@code /unsubscribe
 * [HH:MM|all]}, {@code /settings} and {@code /status}. A chat may have several schedules, one per local time.
 * Subscribing, unsubscribing and the delivery status are {@link Privacy#CHAT_ADMIN}: in groups and channels only
 * administrators, in a private chat its user. The dispatcher checks that, and the arguments, before these run.
 */
public final class SubscriptionCommands {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String ALL = "all";
    /** {@code /settings script ...} is answered by the command of that name, when the registry has it. */
    private static final String SCRIPT = "script";

    private final SubscriptionService service;
    private final IntSupplier sequenceLength;
    private final PostHistory history;

    /**
     * @param sequenceLength how many excerpts a sequential reading has (the excerpt pool's size), asked when shown
     * @param history the schedules' latest posts, for {@code /status}
     */
    public SubscriptionCommands(SubscriptionService service, IntSupplier sequenceLength, PostHistory history) {
        this.service = Objects.requireNonNull(service, "service");
        this.sequenceLength = Objects.requireNonNull(sequenceLength, "sequenceLength");
        this.history = Objects.requireNonNull(history, "history");
    }

    /** Without a delivery history: {@code /status} then knows of no past posts. */
    public SubscriptionCommands(SubscriptionService service, IntSupplier sequenceLength) {
        this(service, sequenceLength, PostHistory.NONE);
    }

    /** The four commands, for the registry. */
    public List<CommandSpec> specs() {
        return List.of(
                new CommandSpec(
                        "subscribe", SubscribeArguments.SPECS, Privacy.CHAT_ADMIN, Locality.ALL, this::subscribe),
                new CommandSpec(
                                "unsubscribe",
                                List.of(
                                        ArgSpec.time("time").asOptional().inAnyOrder(),
                                        ArgSpec.choice("which", List.of(ALL))
                                                .asOptional()
                                                .inAnyOrder()),
                                Privacy.CHAT_ADMIN,
                                Locality.ALL,
                                this::unsubscribe)
                        .withSuggestions(this::scheduleTimes),
                new CommandSpec(
                        "settings",
                        List.of(
                                ArgSpec.choice("topic", List.of(SCRIPT)).asOptional(),
                                ArgSpec.choice("script", List.of("traditional", "simplified"))
                                        .asOptional()),
                        Privacy.PUBLIC,
                        Locality.ALL,
                        this::settings),
                new CommandSpec("status", List.of(), Privacy.CHAT_ADMIN, Locality.ALL, this::status));
    }

    /** For {@code /unsubscribe time}: the times of the chat's active schedules, earliest first. */
    private List<String> scheduleTimes(String argument, ChatRef chat) {
        if (!argument.equals("time")) return List.of();
        return service.active(chat).stream().map(s -> s.slot().timeText()).toList();
    }

    Reply subscribe(CommandContext context) {
        Texts texts = context.texts();
        // zh-TW, not zh, for a Taiwan or Hong Kong user: their posts default to traditional as their replies do
        String language = Messages.subscriptionLanguage(context.request().locale());
        SubscriptionService.Outcome outcome =
                service.subscribe(context.request().chat(), SubscribeArguments.of(context), language);
        if (outcome instanceof SubscriptionService.TooMany tooMany) {
            return Reply.error(texts.get(
                    "subscribe.too.many", SubscriptionService.MAX_SCHEDULES, times(tooMany.schedules(), texts)));
        }
        if (outcome instanceof SubscriptionService.WhichOne which) {
            return Reply.error(texts.get("subscribe.which", times(which.schedules(), texts)));
        }
        SubscriptionService.Subscribed result = (SubscriptionService.Subscribed) outcome;
        return Reply.builder(Reply.Kind.NOTICE)
                .section(Section.text(texts.get(result.created() ? "subscribe.created" : "subscribe.changed")))
                .section(Section.text(describe(result.subscription(), texts)))
                .build();
    }

    Reply unsubscribe(CommandContext context) {
        Texts texts = context.texts();
        ChatRef chat = context.request().chat();
        Optional<LocalTime> time = context.optionalTime("time");
        boolean all = context.optionalChoice("which").isPresent();
        List<Subscription> active = service.active(chat);
        if (!all && time.isPresent()) {
            if (service.unsubscribe(chat, time.get())) {
                return Reply.notice(texts.get("unsubscribe.one", hhmm(time.get()), active.size() - 1));
            }
            return active.isEmpty()
                    ? Reply.notice(texts.get("unsubscribe.none"))
                    : Reply.error(texts.get("unsubscribe.none.at", hhmm(time.get()), times(active, texts)));
        }
        if (!all && active.size() > 1) {
            return withRemoveButtons(
                    Reply.builder(Reply.Kind.ERROR)
                            .section(Section.text(texts.get("unsubscribe.which", times(active, texts)))),
                    active,
                    texts);
        }
        boolean stopped = service.unsubscribe(chat);
        return Reply.notice(texts.get(stopped ? "unsubscribe.done" : "unsubscribe.none"));
    }

    Reply settings(CommandContext context) {
        Texts texts = context.texts();
        if (context.optionalChoice("topic").isPresent()
                && context.registry().find(SCRIPT).isPresent()) {
            return context.delegate(SCRIPT, context.optionalChoice("script").orElse(""));
        }
        List<Subscription> shown = shown(context.request().chat());
        if (shown.isEmpty())
            return Reply.notice(texts.get("settings.none", service.defaultZone().getId()));
        Reply.Builder reply = Reply.builder(Reply.Kind.NOTICE)
                .section(Section.text(texts.get("settings.header", shown.size(), SubscriptionService.MAX_SCHEDULES)));
        for (Subscription s : shown) {
            String text = s.active() ? describe(s, texts) : disabled(s, texts);
            reply.section(Section.text(text));
        }
        return withRemoveButtons(reply, shown, texts);
    }

    Reply status(CommandContext context) {
        Texts texts = context.texts();
        List<Subscription> shown = shown(context.request().chat());
        if (shown.isEmpty())
            return Reply.notice(texts.get("settings.none", service.defaultZone().getId()));
        Reply.Builder reply = Reply.builder(Reply.Kind.NOTICE).section(Section.text(texts.get("status.header")));
        for (Subscription s : shown) {
            ZoneId zone = s.slot().zone();
            Optional<Delivery> last = history.latest(s.id());
            String lastLine = last.map(d -> texts.get(
                            "status.last",
                            local(d.finishedAt().orElse(d.dueAt()), zone),
                            PostOutcomeWords.of(d, texts)))
                    .orElseGet(() -> texts.get("status.last.none"));
            String nextLine =
                    s.active() ? texts.get("status.next", local(service.nextPost(s), zone)) : disabled(s, last, texts);
            reply.section(Section.text(heading(s, texts) + "\n" + lastLine + "\n" + nextLine));
        }
        return reply.build();
    }

    /** The schedules /settings and /status show: the active ones and those the platform stopped. */
    private List<Subscription> shown(ChatRef chat) {
        return service.schedules(chat).stream()
                .filter(s -> s.active() || s.status() == SubscriptionStatus.FORBIDDEN)
                .toList();
    }

    private static Reply withRemoveButtons(Reply.Builder reply, List<Subscription> schedules, Texts texts) {
        List<Action> row = new ArrayList<>();
        for (Subscription s : schedules) {
            row.add(new Action(
                    texts.get("action.unsubscribe", s.slot().timeText()),
                    "unsubscribe " + s.slot().timeText()));
        }
        return reply.actionRow(row).build();
    }

    private String describe(Subscription s, Texts texts) {
        String text = texts.get(
                "subscribe.summary",
                s.days().describe(texts),
                s.slot().timeText(),
                s.slot().zone().getId(),
                texts.get("mode." + s.mode().word()),
                texts.get("format." + s.format().word()),
                local(service.nextPost(s), s.slot().zone()));
        if (s.mode() == Mode.SEQUENTIAL) {
            int length = Math.max(1, sequenceLength.getAsInt());
            text += "\n" + texts.get("subscribe.progress", s.cursor() % length + 1, length);
        }
        return text;
    }

    /** A schedule the platform stopped, for /settings: what it was, that it is off, and how to turn it on. */
    private String disabled(Subscription s, Texts texts) {
        return heading(s, texts) + "\n" + disabled(s, history.latest(s.id()), texts);
    }

    private static String disabled(Subscription s, Optional<Delivery> last, Texts texts) {
        String why = last.filter(d -> d.status() == DeliveryStatus.FAILED)
                .map(d -> PostOutcomeWords.of(d, texts))
                .orElseGet(() -> texts.get("status.refused.forbidden"));
        return texts.get("settings.disabled", why, s.slot().timeText());
    }

    private static String heading(Subscription s, Texts texts) {
        return texts.get(
                "status.schedule",
                s.slot().timeText(),
                s.slot().zone().getId(),
                s.days().describe(texts),
                texts.get("mode." + s.mode().word()),
                texts.get("format." + s.format().word()));
    }

    private static String times(List<Subscription> schedules, Texts texts) {
        return String.join(
                texts.get("days.separator"),
                schedules.stream().map(s -> s.slot().timeText()).toList());
    }

    private static String local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).format(LOCAL);
    }

    private static String hhmm(LocalTime time) {
        return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }
}
