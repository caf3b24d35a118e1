package org.excerptbot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Makes Jackson build, before the first update arrives, what TelegramBots needs to read updates and answers and to
 * write a message. Jackson builds a type's (de)serializers on first use, and {@code Update} reaches about a hundred
 * types: about 0.7 s of CPU on a 2-core machine, which the first users' commands would otherwise wait for. Runs once
 * on a daemon thread; a failure is logged and costs nothing but the head start.
 */
final class JsonPrimer {
    private static final Logger log = LoggerFactory.getLogger(JsonPrimer.class);

    /** One update as getUpdates returns it: a private message carrying a command. */
    private static final String UPDATES =
            """
            {"ok":true,"result":[{"update_id":1,"message":{"message_id":1,"date":1700000000,
            "from":{"id":1,"is_bot":false,"first_name":"A","language_code":"en"},
            "chat":{"id":1,"type":"private","first_name":"A"},"text":"/today",
            "entities":[{"type":"bot_command","offset":0,"length":6}]}}]}""";

    /** sendMessage's answer: the message sent. */
    private static final String SENT =
            """
            {"ok":true,"result":{"message_id":2,"date":1700000000,"chat":{"id":1,"type":"private"},"text":"x"}}""";

    private JsonPrimer() {}

    /** Starts priming on a daemon thread, with the mapper the bot's client writes requests with. */
    static void startInBackground(ObjectMapper requests) {
        Thread t = new Thread(() -> prime(requests), "telegram-json-primer");
        t.setDaemon(true);
        t.start();
    }

    /** Primes on this thread; false (logged) when a sample could not be read or written. */
    static boolean prime(ObjectMapper requests) {
        long start = System.nanoTime();
        try {
            // answers are read by TelegramBots' shared mapper (in its method classes), requests by the client's
            new GetUpdates().deserializeResponse(UPDATES);
            new SendMessage("1", "x").deserializeResponse(SENT);
            requests.writeValueAsBytes(SendMessage.builder()
                    .chatId("1")
                    .text("x")
                    .parseMode("HTML")
                    .build());
            log.debug("Telegram: JSON (de)serializers ready in {} ms", (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (TelegramApiRequestException | java.io.IOException | RuntimeException e) {
            log.warn(
                    "Telegram: preparing the JSON (de)serializers failed (the first update pays for it): {}",
                    e.toString());
            return false;
        }
    }
}
