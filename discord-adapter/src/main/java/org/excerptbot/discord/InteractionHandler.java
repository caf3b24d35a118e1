package org.excerptbot.discord;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InteractionFailureException;
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
 * Answers interactions so that Discord always has its acknowledgement within 3 s, however many arrive at once.
 * JDA hands every event to one gateway thread in turn, so that thread only acknowledges: a command that answers from
 * the corpus in memory ({@link #ANSWERED_FROM_MEMORY}) is answered there directly (type 4); any other command is
 * deferred there (5, a button press 6) and its work runs on a worker, whose reply then fills in the placeholder (or
 * edits the message the button is on). Errors are ephemeral: after a public deferral the placeholder is deleted and
 * the error sent as an ephemeral follow-up, and a reply Discord refuses after a deferral is followed by the generic
 * error, so nobody is left with "thinking...". Autocomplete is answered (type 8) from its own workers. While the
 * gateway thread works through a backlog (a burst of interactions on a busy CPU), the deferred work waits for it, so
 * that the acknowledgements go first.
 */
final class InteractionHandler extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(InteractionHandler.class);

    /** Commands whose answer is a lookup in the corpus held in memory: no database, no search. */
    static final Set<String> ANSWERED_FROM_MEMORY = Set.of("principle", "proposal", "read", "random", "docs", "about");

    private final CommandDispatcher dispatcher;
    private final Messages messages;
    private final InteractionTranslator translator;
    private final EmbedRenderer renderer;
    private final Autocomplete autocomplete;
    private final ExecutorService workers;
    private final ExecutorService suggesters;
    private final GatewayBacklog backlog;

    InteractionHandler(
            CommandDispatcher dispatcher,
            Messages messages,
            InteractionTranslator translator,
            EmbedRenderer renderer,
            Autocomplete autocomplete,
            ExecutorService workers,
            ExecutorService suggesters,
            GatewayBacklog backlog) {
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.translator = translator;
        this.renderer = renderer;
        this.autocomplete = autocomplete;
        this.workers = workers;
        this.suggesters = suggesters;
        this.backlog = backlog;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        backlog.handled(event.getTimeCreated().toInstant());
        String what = "/" + event.getName();
        Texts texts = texts(event.getUserLocale().getLocale());
        if (ANSWERED_FROM_MEMORY.contains(event.getName())) {
            Reply reply = answer(what, () -> translator.command(event), texts);
            event.reply(renderer.create(reply))
                    .setEphemeral(renderer.ephemeral(reply))
                    .queue(null, failed(what));
            return;
        }
        event.deferReply().queue(null, failed(what));
        InteractionHook hook = event.getHook();
        work(what, hook, texts, () -> {
            Reply reply = answer(what, () -> translator.command(event), texts);
            // a public "thinking" placeholder cannot turn private: remove it, then answer privately
            if (renderer.ephemeral(reply)) hook.deleteOriginal().queue(null, failed(what));
            complete(hook, reply, what, texts);
        });
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        backlog.handled(event.getTimeCreated().toInstant());
        String what = "button " + event.getComponentId();
        Texts texts = texts(event.getUserLocale().getLocale());
        event.deferEdit().queue(null, failed(what));
        InteractionHook hook = event.getHook();
        work(what, hook, texts, () -> complete(hook, answer(what, () -> translator.action(event), texts), what, texts));
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        backlog.handled(event.getTimeCreated().toInstant());
        String option = event.getFocusedOption().getName();
        String typed = event.getFocusedOption().getValue();
        String what = "autocomplete /" + event.getName() + " " + option;
        try {
            suggesters.execute(() -> {
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
        } catch (RejectedExecutionException e) {
            log.warn("{} dropped: the adapter is shutting down", what);
        }
    }

    /**
     * Runs a deferred interaction's work on a worker, once the gateway thread has no backlog of interactions to
     * acknowledge (see {@link GatewayBacklog}); if no worker takes it, the user still hears of it.
     */
    private void work(String what, InteractionHook hook, Texts texts, Runnable task) {
        try {
            workers.execute(() -> {
                backlog.awaitTurn();
                task.run();
            });
        } catch (RejectedExecutionException e) {
            log.warn("{} not run: the adapter is shutting down", what);
            hook.sendMessage(renderer.create(Reply.error(texts.get("error.internal"))))
                    .setEphemeral(true)
                    .queue(null, failed(what));
        }
    }

    /** After a deferral: an error as an ephemeral follow-up, anything else in place of the original message. */
    private void complete(InteractionHook hook, Reply reply, String what, Texts texts) {
        if (renderer.ephemeral(reply)) {
            hook.sendMessage(renderer.create(reply)).setEphemeral(true).queue(null, failed(what));
            return;
        }
        hook.editOriginal(renderer.edit(reply)).queue(null, error -> {
            failed(what).accept(error);
            if (interactionGone(error)) return;
            // Discord refused the reply itself (a form error, say): the placeholder must not stay "thinking"
            hook.sendMessage(renderer.create(Reply.error(texts.get("error.internal"))))
                    .setEphemeral(true)
                    .queue(null, failed(what + " (error follow-up)"));
        });
    }

    /** The acknowledgement failed or the token expired: nothing can reach the user any more. */
    private static boolean interactionGone(Throwable error) {
        if (error instanceof InteractionFailureException) return true;
        return error instanceof ErrorResponseException e
                && (e.getErrorCode() == 10062 || e.getErrorCode() == 10015 || e.getErrorCode() == 10008);
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

    private Texts texts(String languageTag) {
        return messages.texts(Messages.localeOf(languageTag));
    }

    private static Consumer<Throwable> failed(String what) {
        return error -> log.warn("Discord refused the answer to {}: {}", what, error.toString());
    }
}
