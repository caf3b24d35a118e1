package org.excerptbot.discord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.Command;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers interactions off JDA's event thread. Each command or button press runs on a worker; if its reply is ready
 * within the acknowledgement budget it is sent as the interaction's response (type 4, or 7 to update the message a
 * button is on), otherwise the interaction is deferred first (5 or 6) and the reply follows through the interaction
 * hook; when commands are already queueing for a worker, the deferral is sent at once. Errors are ephemeral: after a public deferral the placeholder is deleted and the error sent as an ephemeral
 * follow-up. Autocomplete is answered directly (type 8). Nothing a user does goes unanswered: a failure becomes
 * the generic error message.
 */
final class InteractionHandler extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(InteractionHandler.class);

    private final CommandDispatcher dispatcher;
    private final Messages messages;
    private final InteractionTranslator translator;
    private final EmbedRenderer renderer;
    private final Autocomplete autocomplete;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Duration ackBudget;
    private final int workerCount;
    private final AtomicInteger waiting = new AtomicInteger();

    InteractionHandler(
            CommandDispatcher dispatcher,
            Messages messages,
            InteractionTranslator translator,
            EmbedRenderer renderer,
            Autocomplete autocomplete,
            ExecutorService workers,
            ScheduledExecutorService timers,
            Duration ackBudget,
            int workerCount) {
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.translator = translator;
        this.renderer = renderer;
        this.autocomplete = autocomplete;
        this.workers = workers;
        this.timers = timers;
        this.ackBudget = ackBudget;
        this.workerCount = workerCount;
    }

    /** The three ways of answering an interaction that carries a reply. */
    private interface Responder {
        /** The reply is ready before any acknowledgement: it is the response. */
        void answer(Reply reply);

        /** Too slow: acknowledge now, answer later. */
        void defer();

        /** The reply after a deferral. */
        void complete(Reply reply);
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        String what = "/" + event.getName();
        run(what, () -> translator.command(event), texts(event.getUserLocale().getLocale()), new Responder() {
            @Override
            public void answer(Reply reply) {
                event.reply(renderer.create(reply))
                        .setEphemeral(renderer.ephemeral(reply))
                        .queue(null, failed(what));
            }

            @Override
            public void defer() {
                event.deferReply().queue(null, failed(what));
            }

            @Override
            public void complete(Reply reply) {
                // a public "thinking" placeholder cannot turn private: remove it, then answer privately
                if (renderer.ephemeral(reply)) event.getHook().deleteOriginal().queue(null, failed(what));
                finish(event.getHook(), reply, what);
            }
        });
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        String what = "button " + event.getComponentId();
        run(what, () -> translator.action(event), texts(event.getUserLocale().getLocale()), new Responder() {
            @Override
            public void answer(Reply reply) {
                if (renderer.ephemeral(reply)) {
                    event.reply(renderer.create(reply)).setEphemeral(true).queue(null, failed(what));
                } else {
                    event.editMessage(renderer.edit(reply)).queue(null, failed(what));
                }
            }

            @Override
            public void defer() {
                event.deferEdit().queue(null, failed(what));
            }

            @Override
            public void complete(Reply reply) {
                finish(event.getHook(), reply, what);
            }
        });
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        String option = event.getFocusedOption().getName();
        String typed = event.getFocusedOption().getValue();
        String what = "autocomplete /" + event.getName() + " " + option;
        execute(what, () -> {
            List<Command.Choice> choices;
            try {
                choices = switch (option) {
                    case SlashCommands.QUERY -> autocomplete.searchPhrases(typed);
                    case SlashCommands.TIMEZONE -> autocomplete.timeZones(typed);
                    default -> List.of();
                };
            } catch (RuntimeException e) {
                log.error("{} failed for '{}'", what, typed, e);
                choices = List.of();
            }
            event.replyChoices(choices).queue(null, failed(what));
        });
    }

    /** After a deferral: an error as an ephemeral follow-up, anything else in place of the original message. */
    private void finish(InteractionHook hook, Reply reply, String what) {
        if (renderer.ephemeral(reply)) {
            hook.sendMessage(renderer.create(reply)).setEphemeral(true).queue(null, failed(what));
        } else {
            hook.editOriginal(renderer.edit(reply)).queue(null, failed(what));
        }
    }

    private void run(String what, Supplier<Request> translate, Texts texts, Responder responder) {
        AtomicBoolean acknowledged = new AtomicBoolean();
        // with a backlog of commands waiting for a worker, defer at once: the budget would be spent queueing
        long delay = waiting.get() >= workerCount ? 0 : ackBudget.toMillis();
        ScheduledFuture<?> deferral = timers.schedule(
                () -> {
                    if (acknowledged.compareAndSet(false, true)) responder.defer();
                },
                delay,
                TimeUnit.MILLISECONDS);
        waiting.incrementAndGet();
        execute(what, () -> {
            waiting.decrementAndGet();
            Reply reply = answer(what, translate, texts);
            if (acknowledged.compareAndSet(false, true)) {
                deferral.cancel(false);
                responder.answer(reply);
            } else {
                responder.complete(reply);
            }
        });
    }

    private Reply answer(String what, Supplier<Request> translate, Texts texts) {
        try {
            Request request = translate.get();
            // the dispatcher stays silent for a user who keeps flooding; an interaction must still be answered
            return dispatcher.dispatch(request).orElseGet(() -> Reply.error(texts.get("error.flood")));
        } catch (RuntimeException e) {
            log.error("{} failed", what, e);
            return Reply.error(texts.get("error.internal"));
        }
    }

    private void execute(String what, Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            log.warn("{} dropped: the adapter is shutting down", what);
        }
    }

    private Texts texts(String languageTag) {
        return messages.texts(Messages.localeOf(languageTag));
    }

    private static Consumer<Throwable> failed(String what) {
        return error -> log.warn("Discord refused the answer to {}: {}", what, error.toString());
    }
}
