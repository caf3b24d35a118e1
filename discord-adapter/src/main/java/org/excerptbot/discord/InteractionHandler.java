package org.excerptbot.discord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InteractionFailureException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.Command;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers interactions so that Discord always has its acknowledgement within 3 s, however many arrive at once. The
 * listener (run by JDA in the acknowledgement lane of {@link InteractionThreads}) only acknowledges: a command that
 * answers from the corpus in memory ({@link #ANSWERED_FROM_MEMORY}) is answered directly (type 4), or deferred
 * should its answer be late, and so is autocomplete (type 8); any other command is deferred (5, a button press 6) and
 * its work goes to the follow-up lane, whose reply then fills in the placeholder (or edits the message the button is
 * on). A card button is deferred as a new reply (5): the card comes under the passage instead of replacing it. Bookmarks ({@link #PERSONAL}) are
 * answered ephemerally, a bookmark button on a shared message with a new ephemeral reply. Errors are ephemeral: after a
 * public deferral the placeholder is deleted and the error sent as an ephemeral follow-up, and a reply Discord refuses
 * after a deferral is followed by the generic error, so nobody is left with "thinking...".
 */
final class InteractionHandler extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(InteractionHandler.class);

    /** Commands whose answer is a lookup in the corpus held in memory: no database, no search. */
    static final Set<String> ANSWERED_FROM_MEMORY = Set.of("principle", "proposal", "read", "random", "docs", "about");

    /** Commands that answer about the user who asks alone (their bookmarks): only that user sees the answer. */
    static final Set<String> PERSONAL = Set.of("save", "saved", "unsave");

    private final CommandDispatcher dispatcher;
    private final Messages messages;
    private final InteractionTranslator translator;
    private final EmbedRenderer renderer;
    private final Autocomplete autocomplete;
    private final SlashCommands commands;
    private final Executor followUps;
    private final Duration deferAfter;

    InteractionHandler(
            CommandDispatcher dispatcher,
            Messages messages,
            InteractionTranslator translator,
            EmbedRenderer renderer,
            Autocomplete autocomplete,
            SlashCommands commands,
            Executor followUps,
            Duration deferAfter) {
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.translator = translator;
        this.renderer = renderer;
        this.autocomplete = autocomplete;
        this.commands = commands;
        this.followUps = followUps;
        this.deferAfter = deferAfter;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        String what = "/" + event.getName();
        Texts texts = texts(event.getUserLocale().getLocale());
        if (ANSWERED_FROM_MEMORY.contains(event.getName())) {
            answerNow(event, what, texts, () -> answer(what, () -> translator.command(event), texts));
            return;
        }
        if (PERSONAL.contains(event.getName())) {
            privateReply(event, what, texts, () -> translator.command(event));
            return;
        }
        deferredReply(event, what, texts, () -> translator.command(event));
    }

    /**
     * Show passage on a message: answered from memory, or with a private hint when the message names nothing. Search
     * this: the message's text searched, deferred like /search. Save passage: a bookmark, answered privately like
     * /save.
     */
    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        String what = "message command " + event.getName();
        Texts texts = texts(event.getUserLocale().getLocale());
        if (event.getName().equals(SlashCommands.SEARCH_THIS)) {
            deferredReply(event, what, texts, () -> translator.searchThis(event));
            return;
        }
        if (event.getName().equals(SlashCommands.SAVE_PASSAGE)) {
            privateReply(event, what, texts, () -> translator.savePassage(event));
            return;
        }
        answerNow(event, what, texts, () -> {
            Optional<Request> request = translator.passage(event);
            return request.isPresent() ? answer(what, request::get, texts) : Reply.error(texts.get("passage.none"));
        });
    }

    /**
     * Answers in the acknowledgement lane with one reply (type 4). Should the answer take longer than {@link
     * #deferAfter} (a cold JVM on a busy single core, say), the interaction is deferred meanwhile and the answer
     * fills in the placeholder, so that Discord's 3 s are kept whatever the answer costs.
     */
    private void answerNow(IReplyCallback event, String what, Texts texts, Supplier<Reply> compute) {
        AtomicBoolean acknowledged = new AtomicBoolean();
        CompletableFuture.runAsync(
                () -> {
                    if (acknowledged.compareAndSet(false, true))
                        event.deferReply().queue(null, failed(what));
                },
                CompletableFuture.delayedExecutor(deferAfter.toMillis(), TimeUnit.MILLISECONDS, Runnable::run));
        Reply reply = compute.get();
        if (acknowledged.compareAndSet(false, true)) {
            event.reply(renderer.create(reply))
                    .setEphemeral(renderer.ephemeral(reply))
                    .queue(null, failed(what));
            return;
        }
        log.info("{} took over {} ms to answer: deferred, then filled in", what, deferAfter.toMillis());
        fill(event.getHook(), reply, what, texts);
    }

    /**
     * A button press replaces the message it is on (paging, opening a passage), except a card button, whose card is
     * a new message under the passage, so that the passage stays as it was, and a bookmark button on a message others
     * see (save under a daily post, say), which answers the presser privately and leaves the message to everyone.
     */
    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        String what = "button " + event.getComponentId();
        Texts texts = texts(event.getUserLocale().getLocale());
        if (isCard(event.getComponentId())) {
            deferredReply(event, what, texts, () -> translator.action(event));
            return;
        }
        if (isPersonal(event.getComponentId()) && !event.getMessage().isEphemeral()) {
            privateReply(event, what, texts, () -> translator.action(event));
            return;
        }
        event.deferEdit().queue(null, failed(what));
        InteractionHook hook = event.getHook();
        work(what, hook, texts, () -> complete(hook, answer(what, () -> translator.action(event), texts), what, texts));
    }

    /** True for the data of a card button ({@code card 1 11 2}): the action answers with a new message. */
    static boolean isCard(String actionData) {
        return actionData.equals("card") || actionData.startsWith("card ");
    }

    /** True for the data of a bookmark button ({@code save 1.11}, {@code saved:2}, {@code unsave:1 1.11}). */
    static boolean isPersonal(String actionData) {
        return PERSONAL.contains(actionData.split("[ :]", 2)[0]);
    }

    /** Defers a new reply only the user sees and fills it in from the follow-up lane, errors included. */
    private void privateReply(IReplyCallback event, String what, Texts texts, Supplier<Request> translate) {
        event.deferReply(true).queue(null, failed(what));
        InteractionHook hook = event.getHook();
        work(what, hook, texts, () -> edit(hook, answer(what, translate, texts), what, texts));
    }

    /** Defers a new reply ("thinking...") and fills it in from the follow-up lane. */
    private void deferredReply(IReplyCallback event, String what, Texts texts, Supplier<Request> translate) {
        event.deferReply().queue(null, failed(what));
        InteractionHook hook = event.getHook();
        work(what, hook, texts, () -> fill(hook, answer(what, translate, texts), what, texts));
    }

    /** The reply in place of a public deferral's placeholder. */
    private void fill(InteractionHook hook, Reply reply, String what, Texts texts) {
        // a public "thinking" placeholder cannot turn private: remove it, then answer privately
        if (renderer.ephemeral(reply)) hook.deleteOriginal().queue(null, failed(what));
        complete(hook, reply, what, texts);
    }

    /**
     * Autocomplete: search phrases, zones and days from what is typed; for any other option, what the command's spec
     * suggests for the core arguments the option stands for, in the chat it is typed for.
     */
    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        String option = event.getFocusedOption().getName();
        String typed = event.getFocusedOption().getValue();
        String what = "autocomplete /" + event.getName() + " " + option;
        List<Command.Choice> choices;
        try {
            choices = switch (option) {
                case SlashCommands.QUERY -> autocomplete.searchPhrases(typed);
                case SlashCommands.TIMEZONE -> autocomplete.timeZones(typed);
                case SlashCommands.DAYS -> autocomplete.days(
                        typed, texts(event.getUserLocale().getLocale()));
                default -> suggested(event, option, typed);
            };
        } catch (RuntimeException e) {
            log.error("{} failed for '{}'", what, typed, e);
            choices = List.of();
        }
        event.replyChoices(choices).queue(null, failed(what));
    }

    private List<Command.Choice> suggested(CommandAutoCompleteInteractionEvent event, String option, String typed) {
        Optional<CommandSpec> spec = dispatcher.registry().find(event.getName());
        Optional<SlashCommands.Option> slashOption =
                commands.slash(event.getName()).flatMap(s -> s.option(option));
        if (spec.isEmpty() || slashOption.isEmpty()) return List.of();
        return autocomplete.suggested(spec.get(), slashOption.get().arguments(), translator.chat(event), typed);
    }

    /** Runs a deferred interaction's work in the follow-up lane; if the lane takes no more, the user still hears. */
    private void work(String what, InteractionHook hook, Texts texts, Runnable task) {
        try {
            followUps.execute(task);
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
        edit(hook, reply, what, texts);
    }

    /** The reply in place of the original message; if Discord refuses it, the generic error follows privately. */
    private void edit(InteractionHook hook, Reply reply, String what, Texts texts) {
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
