package org.excerptbot.core.subscription;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Locality;
import org.excerptbot.core.command.Privacy;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;
import org.excerptbot.core.reply.Section;

/**
 * The commands {@code /subscribe [HH:MM] [Area/City] [daily|sequential]}, {@code /unsubscribe} and
 * {@code /settings}. Subscribing and unsubscribing are {@link Privacy#CHAT_ADMIN}: in groups and channels only
 * administrators, in a private chat its user. The dispatcher checks that, and the arguments, before these run.
 */
public final class SubscriptionCommands {
    private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SubscriptionService service;
    private final IntSupplier sequenceLength;

    /**
     * @param sequenceLength how many excerpts a sequential reading has (the excerpt pool's size), asked when shown
     */
    public SubscriptionCommands(SubscriptionService service, IntSupplier sequenceLength) {
        this.service = Objects.requireNonNull(service, "service");
        this.sequenceLength = Objects.requireNonNull(sequenceLength, "sequenceLength");
    }

    /** The three commands, for the registry. */
    public List<CommandSpec> specs() {
        return List.of(
                new CommandSpec(
                        "subscribe", SubscribeArguments.SPECS, Privacy.CHAT_ADMIN, Locality.ALL, this::subscribe),
                new CommandSpec("unsubscribe", List.of(), Privacy.CHAT_ADMIN, Locality.ALL, this::unsubscribe),
                new CommandSpec("settings", List.of(), Privacy.PUBLIC, Locality.ALL, this::settings));
    }

    Reply subscribe(CommandContext context) {
        Texts texts = context.texts();
        String language = texts.english() ? "en" : "zh";
        SubscriptionService.Subscribed result =
                service.subscribe(context.request().chat(), SubscribeArguments.of(context), language);
        return Reply.builder(Reply.Kind.NOTICE)
                .section(Section.text(texts.get(result.created() ? "subscribe.created" : "subscribe.changed")))
                .section(Section.text(describe(result.subscription(), texts)))
                .build();
    }

    Reply unsubscribe(CommandContext context) {
        boolean stopped = service.unsubscribe(context.request().chat());
        return Reply.notice(context.texts().get(stopped ? "unsubscribe.done" : "unsubscribe.none"));
    }

    Reply settings(CommandContext context) {
        Texts texts = context.texts();
        return service.find(context.request().chat())
                .map(s -> s.active()
                        ? Reply.notice(describe(s, texts))
                        : Reply.notice(texts.get(
                                "settings.stopped",
                                texts.get("settings.status." + s.status().name().toLowerCase(java.util.Locale.ROOT)))))
                .orElseGet(() -> Reply.notice(
                        texts.get("settings.none", service.defaultZone().getId())));
    }

    private String describe(Subscription s, Texts texts) {
        String next = service.nextPost(s).atZone(s.slot().zone()).format(NEXT);
        String text = texts.get(
                "subscribe.summary",
                s.slot().timeText(),
                s.slot().zone().getId(),
                texts.get("mode." + s.mode().word()),
                next);
        if (s.mode() == Mode.SEQUENTIAL) {
            int length = Math.max(1, sequenceLength.getAsInt());
            text += "\n" + texts.get("subscribe.progress", s.cursor() % length + 1, length);
        }
        return text;
    }
}
