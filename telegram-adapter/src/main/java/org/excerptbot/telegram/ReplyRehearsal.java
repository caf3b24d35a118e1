package org.excerptbot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.DryRun;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Rehearses the reply path before the bot takes its first update, so that the first users after a start do not
 * wait for class loading, Jackson building its (de)serializers for TelegramBots' model and interpreted code (on a
 * 2-core machine the first burst's p99 was above 50 ms without it). Each round reads a getUpdates answer of sample
 * updates (commands in private chats, a group and a channel, plain text, a button press, inline queries),
 * translates them, dispatches them in a {@link DryRun}, renders the replies, builds and validates the Bot API
 * requests, writes them with the client's mapper and reads a sample answer. Nothing is sent: the rehearsal has no
 * HTTP client. A failure is logged once and ends the rehearsal; it costs nothing but the head start.
 */
final class ReplyRehearsal {
    private static final Logger log = LoggerFactory.getLogger(ReplyRehearsal.class);
    /** Enough rounds for the JIT to compile the path (its thresholds are a few hundred calls per method). */
    static final int ROUNDS = 300;
    /** A slow machine stops rehearsing after this long, so that polling does not wait for it. */
    static final Duration BUDGET = Duration.ofSeconds(4);

    private static final String BOT = "rehearsal_bot";

    /** The sample updates, as getUpdates returns them; the ids are not Telegram's (users and chats are negative). */
    private static final String UPDATES =
            """
            {"ok":true,"result":[
            {"update_id":1,"message":{"message_id":1,"date":1700000000,
             "from":{"id":-11,"is_bot":false,"first_name":"A","language_code":"zh-hans"},
             "chat":{"id":-11,"type":"private","first_name":"A"},"text":"/today",
             "entities":[{"type":"bot_command","offset":0,"length":6}]}},
            {"update_id":2,"message":{"message_id":2,"date":1700000000,
             "from":{"id":-12,"is_bot":false,"first_name":"B","last_name":"C","language_code":"en"},
             "chat":{"id":-12,"type":"private","first_name":"B"},"text":"/principle 2"}},
            {"update_id":3,"message":{"message_id":3,"date":1700000000,
             "from":{"id":-13,"is_bot":false,"first_name":"D"},
             "chat":{"id":-1000000000013,"type":"supergroup","title":"G"},"text":"/proposal@rehearsal_bot 5"}},
            {"update_id":4,"channel_post":{"message_id":4,"date":1700000000,
             "sender_chat":{"id":-1000000000014,"type":"channel","title":"C"},
             "chat":{"id":-1000000000014,"type":"channel","title":"C"},"text":"/read 1 11"}},
            {"update_id":5,"message":{"message_id":5,"date":1700000000,
             "from":{"id":-15,"is_bot":false,"first_name":"E","language_code":"en"},
             "chat":{"id":-15,"type":"private","first_name":"E"},"text":"/search 互联互通"}},
            {"update_id":6,"message":{"message_id":6,"date":1700000000,
             "from":{"id":-16,"is_bot":false,"first_name":"F"},
             "chat":{"id":-16,"type":"private","first_name":"F"},"text":"/help"}},
            {"update_id":7,"message":{"message_id":7,"date":1700000000,
             "from":{"id":-17,"is_bot":false,"first_name":"H"},
             "chat":{"id":-17,"type":"private","first_name":"H"},"text":"你好"}},
            {"update_id":8,"callback_query":{"id":"8","chat_instance":"8","data":"read 1 12",
             "from":{"id":-18,"is_bot":false,"first_name":"I"},
             "message":{"message_id":8,"date":1700000000,"chat":{"id":-18,"type":"private","first_name":"I"},
              "text":"x"}}},
            {"update_id":9,"inline_query":{"id":"9","query":"互联互通","offset":"",
             "from":{"id":-19,"is_bot":false,"first_name":"J","language_code":"en"}}},
            {"update_id":10,"inline_query":{"id":"10","query":"","offset":"",
             "from":{"id":-20,"is_bot":false,"first_name":"K"}}}
            ]}""";

    /** sendMessage's answer: the message sent. */
    private static final String SENT =
            """
            {"ok":true,"result":{"message_id":2,"date":1700000000,"chat":{"id":-11,"type":"private"},"text":"x"}}""";

    /** What a rehearsal did: the rounds it finished, in how long, and why it stopped early (empty if it did not). */
    record Result(int rounds, Duration took, Optional<String> failure) {}

    private final ObjectMapper requests;
    private final CommandDispatcher dispatcher;
    private final Messages messages;
    private final HtmlRenderer renderer;
    private final InlineQueries inline;
    private final UpdateTranslator translator = new UpdateTranslator(BOT, (chat, user) -> false);

    /**
     * @param requests the mapper the bot's client writes requests with
     */
    ReplyRehearsal(
            ObjectMapper requests,
            CommandDispatcher dispatcher,
            Messages messages,
            HtmlRenderer renderer,
            InlineQueries inline) {
        this.requests = requests;
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.renderer = renderer;
        this.inline = inline;
    }

    /** Rehearses {@link #ROUNDS} rounds (within {@link #BUDGET}) on a daemon thread. */
    CompletableFuture<Result> startInBackground() {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Thread t = new Thread(() -> done.complete(run(ROUNDS, BUDGET)), "telegram-rehearsal");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** Rehearses on this thread: {@code rounds} rounds, or fewer when {@code budget} runs out or one fails. */
    Result run(int rounds, Duration budget) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int done = 0;
        Optional<String> failure = Optional.empty();
        try {
            while (done < rounds && System.nanoTime() < deadline) {
                round();
                done++;
            }
        } catch (TelegramApiException | JsonProcessingException | RuntimeException e) {
            failure = Optional.of(e.toString());
            log.warn("Telegram: rehearsing the replies failed (the first updates will be slower): {}", e.toString());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.debug("Telegram: {} rehearsal round(s) in {} ms", done, took.toMillis());
        return new Result(done, took, failure);
    }

    private void round() throws TelegramApiException, JsonProcessingException {
        for (Update update : new GetUpdates().deserializeResponse(UPDATES)) {
            for (BotApiMethod<?> method : requestsFor(update)) {
                method.validate();
                requests.writeValueAsString(method);
            }
        }
        new SendMessage("-11", "x").deserializeResponse(SENT);
    }

    /** The requests the bot would make for an update, built the way {@link TelegramBot} builds them. */
    private List<BotApiMethod<?>> requestsFor(Update update) {
        List<BotApiMethod<?>> out = new ArrayList<>();
        if (update.getInlineQuery() != null) {
            out.add(inline.answer(update.getInlineQuery()));
        } else if (update.getCallbackQuery() != null) {
            var query = update.getCallbackQuery();
            translator.callback(query).flatMap(this::dispatch).ifPresent(reply -> {
                var parts = renderer.render(reply);
                out.add(Outbox.editMessageText(
                        query.getMessage().getChatId(), query.getMessage().getMessageId(), parts.get(0)));
            });
            out.add(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).build());
        } else {
            Message message = update.hasMessage() ? update.getMessage() : update.getChannelPost();
            translator.message(message).ifPresent(translation -> {
                Optional<Reply> reply = translation instanceof UpdateTranslator.Translation.PlainText plain
                        ? Optional.of(
                                Reply.notice(messages.texts(plain.locale()).get("telegram.hint.plain")))
                        : dispatch(((UpdateTranslator.Translation.Command) translation).request());
                reply.ifPresent(r -> renderer.render(r)
                        .forEach(part ->
                                out.add(Outbox.sendMessage(message.getChatId(), part, message.getMessageId()))));
            });
        }
        return out;
    }

    private Optional<Reply> dispatch(Request request) {
        return DryRun.run(() -> dispatcher.dispatch(request));
    }
}
