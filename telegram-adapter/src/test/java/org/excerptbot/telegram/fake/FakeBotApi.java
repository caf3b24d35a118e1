package org.excerptbot.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Bot API server for tests and benchmarks: it speaks {@code /bot<token>/<method>} on 127.0.0.1 with the
 * real JSON shapes ({@code ok}/{@code result}, and errors as {@code ok:false, error_code, description,
 * parameters}). {@code getUpdates} is a long poll with offset confirmation, and a second poller ends the first
 * with 409 as Telegram does. It checks what the bot sends the way Telegram does (HTML entities, the 4096
 * character limit, callback and inline answers), remembers what each chat shows, records every request, and can
 * be told to answer 429, 403, 400-with-migration, 5xx or to drop the connection, or to enforce Telegram's overall
 * limit of messages per second. It can also misbehave as servers in front of or instead of the Bot API do: answer
 * with a body that is not a Bot API answer (after carrying out the call), or answer getUpdates at once instead of
 * holding the poll. With a webhook set, {@link #pushUpdates()} delivers the pending updates to it as Telegram does.
 */
public final class FakeBotApi implements AutoCloseable {
    /** The fake bot's own account. */
    public static final long BOT_ID = 7_000_000_001L;

    public static final String BOT_USERNAME = "ExcerptTestBot";
    public static final int MAX_TEXT = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");
    private static final Pattern SEND = Pattern.compile(".*/(?i)(sendMessage|sendPhoto)");
    private static final Pattern COMMAND = Pattern.compile("^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,64})?");
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_/])@[A-Za-z0-9_]{5,32}");
    private static final List<String> METHODS = List.of(
            "getMe",
            "deleteWebhook",
            "getUpdates",
            "setWebhook",
            "sendMessage",
            "sendPhoto",
            "editMessageText",
            "answerCallbackQuery",
            "answerInlineQuery",
            "setMyCommands",
            "getChatMember",
            "getWebhookInfo");

    private final String token;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Object lock = new Object();

    // state, guarded by lock
    private final List<ObjectNode> updates = new ArrayList<>();
    private final Map<Integer, Long> deliveredNanos = new HashMap<>();
    private final Map<Integer, Long> enqueuedNanos = new HashMap<>();
    private int nextUpdateId = 500_000;
    private int pollGeneration;
    private String webhookUrl;
    private String webhookSecret;
    private String webhookError;
    private boolean pollsAnswerAtOnce;
    private boolean closed;
    private final Map<Long, ObjectNode> chats = new HashMap<>();
    private final Map<Long, Integer> nextMessageId = new HashMap<>();
    private final Map<Long, LinkedHashMap<Integer, Shown>> shown = new HashMap<>();
    private final Map<Long, Set<Integer>> userMessages = new HashMap<>();
    /** Users' messages as sent, by chat and id, for replies to them. */
    private final Map<Long, Map<Integer, ObjectNode>> sentByUsers = new HashMap<>();

    private final Map<Long, Set<Long>> admins = new HashMap<>();
    private final Map<String, ObjectNode> callbackQueries = new HashMap<>();
    private final Map<String, ObjectNode> callbackAnswers = new LinkedHashMap<>();
    private final Set<String> inlineQueries = new HashSet<>();
    private final Map<String, InlineAnswer> inlineAnswers = new LinkedHashMap<>();
    private final Map<String, List<BotCommand>> commands = new LinkedHashMap<>();
    private final Map<Long, Integer> rateLimitTimes = new HashMap<>();
    private final Map<Long, Integer> rateLimitSeconds = new HashMap<>();
    private final Map<Long, String> forbidden = new HashMap<>();
    private final Map<Long, Long> migrated = new HashMap<>();
    private final Map<Long, Map<Integer, TopicState>> topics = new HashMap<>();
    private final Map<Long, Map<Integer, Integer>> messageThreads = new HashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final BroadcastLimits broadcast = new BroadcastLimits();
    private final SendGauge sendGauge = new SendGauge();
    private final List<Call> calls = new ArrayList<>();
    private final List<Upload> uploads = new ArrayList<>();
    private final Map<String, Photo> photosById = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1);
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> callCounts = new ConcurrentHashMap<>();

    /** One request the bot made, with the status the fake answered. */
    public record Call(String method, JsonNode params, int status, String description, long receivedNanos) {
        public long chatId() {
            return params.path("chat_id").asLong();
        }
    }

    /**
     * A message as the chat shows it now: the visible text, its formatting, its buttons, the message it answers
     * (reply_parameters; null when it is not a reply) and the forum topic it is in (message_thread_id; null for the
     * chat itself or a forum's General topic).
     */
    public record Shown(
            long chatId,
            int messageId,
            String html,
            TelegramHtml.Parsed parsed,
            List<List<Button>> keyboard,
            int edits,
            Integer replyTo,
            Photo photo,
            Integer thread) {
        /** A photo, in the chat's main conversation (or its forum's General topic). */
        public Shown(
                long chatId,
                int messageId,
                String html,
                TelegramHtml.Parsed parsed,
                List<List<Button>> keyboard,
                int edits,
                Integer replyTo,
                Photo photo) {
            this(chatId, messageId, html, parsed, keyboard, edits, replyTo, photo, null);
        }

        /** A text message. */
        public Shown(
                long chatId,
                int messageId,
                String html,
                TelegramHtml.Parsed parsed,
                List<List<Button>> keyboard,
                int edits,
                Integer replyTo) {
            this(chatId, messageId, html, parsed, keyboard, edits, replyTo, null);
        }

        /** The text, or a photo's caption. */
        public String text() {
            return parsed.text();
        }

        /** Every button, row after row. */
        public List<Button> buttons() {
            return keyboard.stream().flatMap(List::stream).toList();
        }

        /** The button with this label. */
        public Button button(String label) {
            return buttons().stream()
                    .filter(b -> b.text().equals(label))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no button '" + label + "' in " + buttons()));
        }
    }

    /**
     * The photo a message shows (null for a text message): the largest size's file_id, the size of the picture
     * that was uploaded, and whether this message uploaded it or reused a file_id.
     */
    public record Photo(String fileId, int width, int height, boolean uploaded) {}

    /** A file the bot uploaded: the multipart part's field, file name, content type and bytes. */
    public record Upload(String field, String fileName, String contentType, byte[] bytes) {}

    /** An inline keyboard button. */
    public record Button(String text, String callbackData) {}

    /** A command of a {@code setMyCommands} list. */
    public record BotCommand(String command, String description) {}

    /**
     * One result of an inline answer, as the user would pick it: an article posts {@code html} (shown as
     * {@code text}); a photo posts the picture at {@code photoUrl} (Telegram fetches it) or the uploaded photo
     * {@code photoFileId}, with its caption.
     */
    public record InlineResult(
            String id,
            String type,
            String title,
            String description,
            String html,
            String text,
            String photoUrl,
            String thumbnailUrl,
            String photoFileId,
            String caption) {
        /** Whether this result posts a picture. */
        public boolean photo() {
            return type.equals("photo");
        }
    }

    /**
     * The bot's answer to an inline query.
     *
     * @param personal {@code is_personal}: whether Telegram keeps the results for this user only (otherwise it may
     *     show them to anyone who sends the same query while they are cached)
     */
    public record InlineAnswer(
            String queryId, List<InlineResult> results, String nextOffset, Integer cacheTime, boolean personal) {}

    /** A Telegram user. */
    public record User(long id, String firstName, String languageCode) {}

    /** An injected failure: an error answer, a dropped connection, or (rawBody set) the call done, answered so. */
    private record Failure(
            String method, int status, String description, boolean disconnect, String rawBody, int[] remaining) {}

    private record Response(int status, JsonNode body) {}

    private enum TopicState {
        OPEN,
        CLOSED,
        DELETED
    }

    private FakeBotApi(String token) throws IOException {
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a reply
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // the JDK server closes idle connections beyond 200 (its default), which a client with hundreds of sends
        // in flight then finds dropped under its next request; Telegram keeps them
        System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-bot-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server for this bot token on 127.0.0.1 and an ephemeral port. */
    public static FakeBotApi start(String token) {
        try {
            return new FakeBotApi(token);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Bot API", e);
        }
    }

    /** The base URL to give the bot as {@code TELEGRAM_API_URL}, e.g. {@code http://127.0.0.1:43121}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        server.stop(1); // lets handlers woken by closed finish their answers
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- chats and users

    /** A user with a private chat of the same id; {@code languageCode} may be null. */
    public User user(long id, String firstName, String languageCode) {
        ObjectNode chat =
                NODES.objectNode().put("id", id).put("type", "private").put("first_name", firstName);
        synchronized (lock) {
            chats.put(id, chat);
        }
        return new User(id, firstName, languageCode);
    }

    /** A group ({@code group} or {@code supergroup}) or channel; ids are negative as on Telegram. */
    public long chat(long id, String type, String title) {
        if (!Set.of("group", "supergroup", "channel").contains(type)) throw new IllegalArgumentException("type");
        synchronized (lock) {
            chats.put(id, NODES.objectNode().put("id", id).put("type", type).put("title", title));
        }
        return id;
    }

    /** Makes these users administrators of the chat (answered by getChatMember). */
    public void admins(long chatId, long... userIds) {
        synchronized (lock) {
            Set<Long> set = admins.computeIfAbsent(chatId, k -> new HashSet<>());
            for (long u : userIds) set.add(u);
        }
    }

    /** A forum supergroup ({@code is_forum}): its General topic is the chat itself, other topics are threads. */
    public long forum(long id, String title) {
        synchronized (lock) {
            chats.put(
                    id,
                    NODES.objectNode()
                            .put("id", id)
                            .put("type", "supergroup")
                            .put("title", title)
                            .put("is_forum", true));
        }
        return id;
    }

    /**
     * A new topic of a forum; returns its message_thread_id, which is, as on Telegram, the id of the service
     * message that created it.
     */
    public int topic(long forumId, String name) {
        synchronized (lock) {
            if (!chats.get(forumId).path("is_forum").asBoolean(false)) {
                throw new IllegalArgumentException("chat " + forumId + " is not a forum");
            }
            int thread = nextMessageId(forumId);
            topics.computeIfAbsent(forumId, k -> new HashMap<>()).put(thread, TopicState.OPEN);
            return thread;
        }
    }

    /** An administrator closes the topic: sends into it fail with 400 TOPIC_CLOSED until it is reopened. */
    public void closeTopic(long forumId, int thread) {
        setTopic(forumId, thread, TopicState.CLOSED);
    }

    public void reopenTopic(long forumId, int thread) {
        setTopic(forumId, thread, TopicState.OPEN);
    }

    /** An administrator deletes the topic: sends into it fail with 400 "message thread not found". */
    public void deleteTopic(long forumId, int thread) {
        setTopic(forumId, thread, TopicState.DELETED);
    }

    private void setTopic(long forumId, int thread, TopicState state) {
        synchronized (lock) {
            Map<Integer, TopicState> known = topics.get(forumId);
            if (known == null || !known.containsKey(thread)) throw new IllegalArgumentException("no topic " + thread);
            known.put(thread, state);
        }
    }

    /** The user writes {@code text} in a topic of a forum: the message carries message_thread_id. */
    public int sendInTopic(User from, long forumId, int thread, String text) {
        synchronized (lock) {
            ObjectNode message = newMessage(forumId, userJson(from), text);
            message.put("message_thread_id", thread).put("is_topic_message", true);
            int id = message.get("message_id").asInt();
            messageThreads.computeIfAbsent(forumId, k -> new HashMap<>()).put(id, thread);
            enqueue("message", message);
            return posted(forumId, id);
        }
    }

    // ---------------------------------------------------------------- updates

    /** The user writes {@code text} in the chat (their private chat when {@code chatId} is the user's id). */
    public int send(User from, long chatId, String text) {
        synchronized (lock) {
            ObjectNode message = newMessage(chatId, userJson(from), text);
            enqueue("message", message);
            return posted(chatId, message);
        }
    }

    /**
     * The user answers a message of the bot with Telegram's Reply: the update carries the bot's message as {@code
     * reply_to_message}, which privacy mode lets through in groups.
     */
    public int reply(User from, long chatId, int botMessageId, String text) {
        synchronized (lock) {
            ObjectNode message = newMessage(chatId, userJson(from), text);
            message.set("reply_to_message", messageJson(shown(chatId, botMessageId)));
            enqueue("message", message);
            return posted(chatId, message.get("message_id").asInt());
        }
    }

    /**
     * The user answers another user's message with Telegram's Reply: the update carries that message as {@code
     * reply_to_message}, as it was sent (without its own reply_to_message, which Telegram does not nest).
     */
    public int replyToUser(User from, long chatId, int userMessageId, String text) {
        synchronized (lock) {
            ObjectNode replied = sentByUsers.getOrDefault(chatId, Map.of()).get(userMessageId);
            if (replied == null) {
                throw new IllegalArgumentException("no user message " + userMessageId + " in chat " + chatId);
            }
            ObjectNode message = newMessage(chatId, userJson(from), text);
            ObjectNode copy = replied.deepCopy();
            copy.remove("reply_to_message");
            message.set("reply_to_message", copy);
            enqueue("message", message);
            return posted(chatId, message);
        }
    }

    /** The user writes in their private chat with the bot. */
    public int send(User from, String text) {
        return send(from, from.id(), text);
    }

    /** An administrator posts {@code text} in a channel. */
    public int post(long channelId, String text) {
        synchronized (lock) {
            ObjectNode message = newMessage(channelId, null, text);
            message.set("sender_chat", chat(channelId));
            enqueue("channel_post", message);
            return posted(channelId, message.get("message_id").asInt());
        }
    }

    /** The user presses a button of a bot message; returns the callback query id. */
    public String press(User from, long chatId, int messageId, String data) {
        synchronized (lock) {
            Shown message = shown(chatId, messageId);
            String id = "cb" + ids.getAndIncrement();
            ObjectNode query = NODES.objectNode().put("id", id);
            query.set("from", userJson(from));
            query.set("message", messageJson(message));
            query.put("chat_instance", "ci" + chatId);
            query.put("data", data);
            callbackQueries.put(id, query);
            enqueue("callback_query", query);
            return id;
        }
    }

    /** The user presses the button with this label on a bot message; returns the callback query id. */
    public String pressButton(User from, long chatId, int messageId, String label) {
        String data;
        synchronized (lock) {
            data = shown(chatId, messageId).button(label).callbackData();
        }
        return press(from, chatId, messageId, data);
    }

    /** The user types {@code @bot query} in any chat; {@code offset} is "" for the first page. */
    public String inlineQuery(User from, String query, String offset) {
        synchronized (lock) {
            String id = "iq" + ids.getAndIncrement();
            ObjectNode inline = NODES.objectNode().put("id", id);
            inline.set("from", userJson(from));
            inline.put("query", query).put("offset", offset).put("chat_type", "sender");
            inlineQueries.add(id);
            enqueue("inline_query", inline);
            return id;
        }
    }

    /**
     * The group becomes a supergroup: the service message with {@code migrate_to_chat_id} arrives, and from now on
     * sends to the old id fail with 400 and {@code parameters.migrate_to_chat_id}.
     */
    public void upgradeToSupergroup(long groupId, long supergroupId, User by) {
        synchronized (lock) {
            upgradeUnseen(groupId, supergroupId);
            ObjectNode message = newMessage(groupId, userJson(by), null);
            message.remove("text");
            message.put("migrate_to_chat_id", supergroupId);
            enqueue("message", message);
        }
    }

    /**
     * The group became a supergroup while the bot was not listening (the service message is long gone): sends to
     * the old id fail with 400 and {@code parameters.migrate_to_chat_id}.
     */
    public void upgradeUnseen(long groupId, long supergroupId) {
        synchronized (lock) {
            ObjectNode old = chats.get(groupId);
            chats.put(
                    supergroupId,
                    NODES.objectNode()
                            .put("id", supergroupId)
                            .put("type", "supergroup")
                            .put(
                                    "title",
                                    old == null ? "group" : old.path("title").asText()));
            migrated.put(groupId, supergroupId);
        }
    }

    /** The bot is removed from the chat (a {@code my_chat_member} update), and sends there are refused with 403. */
    public void kick(long chatId, User by) {
        synchronized (lock) {
            ObjectNode update = NODES.objectNode();
            update.set("chat", chat(chatId));
            update.set("from", userJson(by));
            update.put("date", now());
            update.set(
                    "old_chat_member",
                    NODES.objectNode().put("status", "member").set("user", botJson()));
            update.set(
                    "new_chat_member",
                    NODES.objectNode()
                            .put("status", "kicked")
                            .put("until_date", 0)
                            .set("user", botJson()));
            forbidden.put(chatId, "Forbidden: bot was kicked from the group chat");
            enqueue("my_chat_member", update);
        }
    }

    /** Enqueues a raw update of this kind (e.g. {@code edited_message}) with this payload. */
    public int enqueueRaw(String kind, ObjectNode payload) {
        synchronized (lock) {
            return enqueue(kind, payload);
        }
    }

    // ---------------------------------------------------------------- error injection

    /** Sends to this chat get 429 with {@code parameters.retry_after} the next {@code times} times. */
    public void rateLimit(long chatId, int retryAfterSeconds, int times) {
        synchronized (lock) {
            rateLimitTimes.put(chatId, times);
            rateLimitSeconds.put(chatId, retryAfterSeconds);
        }
    }

    /**
     * Telegram's flood control over all chats: from now on at most {@code perSecond} messages are accepted in any
     * sliding second, and a send beyond that gets 429 {@code Too Many Requests: retry after 1} with
     * {@code parameters.retry_after} 1; messages sent with {@code allow_paid_broadcast} are held to 1,000 per
     * sliding second instead. 0 lifts both limits.
     */
    public void limitSendRate(int perSecond) {
        limitSendRate(perSecond, perSecond > 0 ? BroadcastLimits.PAID_PER_SECOND : 0);
    }

    /** Like {@link #limitSendRate(int)}, with {@code paidPerSecond} for the paid broadcasts (0: unlimited). */
    public void limitSendRate(int perSecond, int paidPerSecond) {
        synchronized (lock) {
            broadcast.limit(perSecond, paidPerSecond);
        }
    }

    /** The messages (sendMessage and sendPhoto) accepted so far, paid or not: cheaper than {@link #calls}. */
    public long acceptedMessages() {
        synchronized (lock) {
            return broadcast.sent();
        }
    }

    /** The messages accepted with {@code allow_paid_broadcast} so far (each costs the bot 0.1 Star). */
    public long paidMessages() {
        synchronized (lock) {
            return broadcast.paidSent();
        }
    }

    /**
     * From now on every sendMessage and sendPhoto is answered {@code delay} after it was handled, as over a real
     * network (the rate limits apply when it arrives).
     */
    public void delaySends(Duration delay) {
        sendGauge.delay(Objects.requireNonNull(delay, "delay"));
    }

    /** The most sendMessage and sendPhoto requests the fake has been answering at one time. */
    public int mostSendsAtOnce() {
        return sendGauge.most();
    }

    /** Sends to this chat get 403 with this description (e.g. {@code Forbidden: bot was blocked by the user}). */
    public void forbid(long chatId, String description) {
        synchronized (lock) {
            forbidden.put(chatId, description);
        }
    }

    /** The user unblocks the bot. */
    public void allow(long chatId) {
        synchronized (lock) {
            forbidden.remove(chatId);
        }
    }

    /** The next {@code times} calls of the method get this status and description ({@code ok:false}). */
    public void fail(String method, int status, String description, int times) {
        synchronized (lock) {
            failures.add(new Failure(method, status, description, false, null, new int[] {times}));
        }
    }

    /** The next {@code times} calls of the method have their connection closed without an answer. */
    public void disconnect(String method, int times) {
        synchronized (lock) {
            failures.add(new Failure(method, 0, "", true, null, new int[] {times}));
        }
    }

    /**
     * The next {@code times} calls of the method are carried out as usual (a message is shown), but answered with
     * this status and body instead of the Bot API's answer: a truncated answer, a proxy's error page.
     */
    public void answerUnreadably(String method, int status, String body, int times) {
        synchronized (lock) {
            failures.add(new Failure(method, status, "unreadable answer", false, body, new int[] {times}));
        }
    }

    /**
     * With {@code true}, getUpdates answers at once with the updates there are, none if none, instead of holding
     * the poll until updates arrive or its timeout ends (as some proxies and Bot API stand-ins do).
     */
    public void answerPollsAtOnce(boolean atOnce) {
        synchronized (lock) {
            pollsAnswerAtOnce = atOnce;
        }
    }

    /** Telegram's last attempt to deliver to the webhook failed so (getWebhookInfo's last_error_message). */
    public void webhookDeliveryFailed(String message) {
        synchronized (lock) {
            webhookError = message;
        }
    }

    /** Forgets the failures still queued by {@link #fail} and {@link #disconnect}. */
    public void clearFailures() {
        synchronized (lock) {
            failures.clear();
        }
    }

    /** Sets a webhook, as another deployment of the same token might; getUpdates then answers 409. */
    public void setWebhook(String url) {
        synchronized (lock) {
            webhookUrl = url;
            lock.notifyAll();
        }
    }

    /**
     * Plays a second bot instance: one getUpdates call with this token, which ends the bot's waiting poll with
     * 409 {@code terminated by other getUpdates request}.
     */
    public void competingPoll() {
        synchronized (lock) {
            pollGeneration++;
            lock.notifyAll();
        }
    }

    // ---------------------------------------------------------------- inspection

    /** Every request so far, in order. */
    public List<Call> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    /** How many requests of one method so far; cheaper than {@link #calls(String)} for waiting on a count. */
    public int callCount(String method) {
        AtomicInteger n = callCounts.get(method);
        return n == null ? 0 : n.get();
    }

    /** Every request of one method so far. */
    public List<Call> calls(String method) {
        synchronized (lock) {
            return calls.stream().filter(c -> c.method().equals(method)).toList();
        }
    }

    /** Forgets every photo's file_id, as when a bot's files are gone: a send by file_id is refused. */
    public void forgetPhotos() {
        synchronized (lock) {
            photosById.clear();
        }
    }

    /** Every file the bot uploaded, oldest first. */
    public List<Upload> uploads() {
        synchronized (lock) {
            return List.copyOf(uploads);
        }
    }

    /** What the bot shows in a chat now, oldest first (edits applied). */
    public List<Shown> messages(long chatId) {
        synchronized (lock) {
            return List.copyOf(shown.getOrDefault(chatId, new LinkedHashMap<>()).values());
        }
    }

    /** The bot's newest message in the chat. */
    public Shown last(long chatId) {
        List<Shown> all = messages(chatId);
        if (all.isEmpty()) throw new AssertionError("the bot has said nothing in chat " + chatId);
        return all.get(all.size() - 1);
    }

    /** The answer to a callback query (the params of answerCallbackQuery), if the bot gave one. */
    public Optional<JsonNode> callbackAnswer(String callbackId) {
        synchronized (lock) {
            return Optional.ofNullable(callbackAnswers.get(callbackId));
        }
    }

    /** The answer to an inline query, if the bot gave one. */
    public Optional<InlineAnswer> inlineAnswer(String queryId) {
        synchronized (lock) {
            return Optional.ofNullable(inlineAnswers.get(queryId));
        }
    }

    /** The command list set for a scope type ({@code default}, ...) and language ("" for none). */
    public List<BotCommand> commands(String scope, String language) {
        synchronized (lock) {
            return commands.getOrDefault(scope + "/" + language, List.of());
        }
    }

    /** The webhook set by the bot (setWebhook), or null: url and secret token. */
    public String[] webhook() {
        synchronized (lock) {
            return webhookUrl == null ? null : new String[] {webhookUrl, webhookSecret};
        }
    }

    /**
     * Takes every pending update as Telegram would POST it to a webhook (one JSON object each), confirming them.
     */
    public List<String> takeUpdatesAsJson() {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            long now = System.nanoTime();
            for (ObjectNode u : updates) {
                out.add(u.toString());
                deliveredNanos.putIfAbsent(u.get("update_id").asInt(), now);
            }
            updates.clear();
            return out;
        }
    }

    /**
     * Delivers every pending update to the webhook the bot set, as Telegram does: one POST each, with the secret
     * in {@code X-Telegram-Bot-Api-Secret-Token}; an update answered 2xx is confirmed, any other stays pending (and
     * is delivered again at the next call). Returns the statuses, in order.
     */
    public List<Integer> pushUpdates() {
        String url;
        String secret;
        List<ObjectNode> pending;
        synchronized (lock) {
            if (webhookUrl == null) throw new IllegalStateException("no webhook is set");
            url = webhookUrl;
            secret = webhookSecret;
            pending = List.copyOf(updates);
        }
        List<Integer> statuses = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (ObjectNode update : pending) {
                HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(update.toString()));
                if (secret != null && !secret.isEmpty()) post.header("X-Telegram-Bot-Api-Secret-Token", secret);
                int status = http.send(post.build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                statuses.add(status);
                if (status / 100 == 2) {
                    synchronized (lock) {
                        updates.remove(update);
                        deliveredNanos.putIfAbsent(update.get("update_id").asInt(), System.nanoTime());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the webhook at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return statuses;
    }

    /** Updates not yet confirmed by an offset past them. */
    public int pendingUpdates() {
        synchronized (lock) {
            return updates.size();
        }
    }

    /** When the update was first handed to the bot by getUpdates (System.nanoTime), if it was. */
    public Optional<Long> deliveredNanos(int updateId) {
        synchronized (lock) {
            return Optional.ofNullable(deliveredNanos.get(updateId));
        }
    }

    /** When the update was enqueued (System.nanoTime). */
    public long enqueuedNanos(int updateId) {
        synchronized (lock) {
            return enqueuedNanos.get(updateId);
        }
    }

    /** How many TCP connections the bot has opened so far (distinct client ports). */
    public int connectionsOpened() {
        return clientPorts.size();
    }

    /** The id of the newest update enqueued so far. */
    public int lastUpdateId() {
        synchronized (lock) {
            return nextUpdateId - 1;
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) {
        long received = System.nanoTime();
        clientPorts.add(exchange.getRemoteAddress().getPort());
        boolean send = SEND.matcher(exchange.getRequestURI().getPath()).matches();
        if (send) sendGauge.enter();
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            Response response;
            String method = "?";
            JsonNode params = NODES.objectNode();
            if (!m.matches()) {
                response = error(404, "Not Found", null);
            } else if (!m.group(1).equals(token)) {
                response = error(401, "Unauthorized", null);
            } else {
                method = canonical(m.group(2));
                params = parseParams(exchange, body);
                Failure failure = takeFailure(method);
                if (failure != null && failure.disconnect()) {
                    record(method, params, 0, "connection dropped", received);
                    return; // closing the exchange without headers drops the connection
                }
                if (failure != null && failure.rawBody() != null) {
                    Response done = dispatch(method, (ObjectNode) params);
                    record(method, params, failure.status(), "unreadable answer after " + done.status(), received);
                    answer(exchange, failure.status(), failure.rawBody().getBytes(StandardCharsets.UTF_8));
                    return;
                }
                response = failure != null
                        ? error(failure.status(), failure.description(), null)
                        : dispatch(method, (ObjectNode) params);
            }
            record(
                    method,
                    params,
                    response.status(),
                    response.body().path("description").asText(""),
                    received);
            if (send) sendGauge.hold();
            answer(exchange, response.status(), JSON.writeValueAsBytes(response.body()));
        } catch (IOException | RuntimeException e) {
            // the client went away (e.g. a long poll cancelled on shutdown); nothing to answer
        } finally {
            if (send) sendGauge.leave();
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private void record(String method, JsonNode params, int status, String description, long received) {
        synchronized (lock) {
            calls.add(new Call(method, params, status, description, received));
        }
        callCounts.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    private Failure takeFailure(String method) {
        synchronized (lock) {
            for (Iterator<Failure> it = failures.iterator(); it.hasNext(); ) {
                Failure f = it.next();
                if (f.method().equals(method)) {
                    if (--f.remaining()[0] <= 0) it.remove();
                    return f;
                }
            }
            return null;
        }
    }

    private static JsonNode parseParams(HttpExchange exchange, byte[] body) throws IOException {
        ObjectNode params = NODES.objectNode();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) formInto(params, query);
        String type = Objects.toString(exchange.getRequestHeaders().getFirst("Content-Type"), "");
        if (body.length > 0 && type.startsWith("multipart/form-data")) {
            multipartInto(params, type, body);
        } else if (body.length > 0 && type.startsWith("application/json")) {
            JsonNode json = JSON.readTree(body);
            if (json instanceof ObjectNode o) params.setAll(o);
        } else if (body.length > 0) {
            formInto(params, new String(body, StandardCharsets.UTF_8));
        }
        return params;
    }

    /**
     * The fields of a multipart/form-data body (TelegramBots sends setWebhook and uploads so), read as bytes: a
     * text field becomes a parameter, a file part (one with a filename) an object {@code {file_name,
     * content_type, bytes}} with the bytes as a binary node.
     */
    private static void multipartInto(ObjectNode params, String type, byte[] body) {
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
        if (!b.find()) return;
        byte[] delimiter = ("--" + b.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        List<Integer> starts = new ArrayList<>();
        for (int i = indexOf(body, delimiter, 0); i >= 0; i = indexOf(body, delimiter, i + delimiter.length)) {
            starts.add(i);
        }
        for (int k = 0; k + 1 < starts.size(); k++) {
            int from = starts.get(k) + delimiter.length;
            int to = starts.get(k + 1);
            int split = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), from);
            if (split < 0 || split > to) continue;
            String headers = new String(body, from, split - from, StandardCharsets.UTF_8);
            Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(headers);
            if (!name.find()) continue;
            int end = to;
            if (end - 2 >= split + 4 && body[end - 2] == '\r' && body[end - 1] == '\n') end -= 2;
            byte[] content = java.util.Arrays.copyOfRange(body, split + 4, end);
            Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (file.find()) {
                Matcher contentType =
                        Pattern.compile("(?i)content-type:\\s*([^\\r\\n]+)").matcher(headers);
                ObjectNode upload = NODES.objectNode()
                        .put("file_name", file.group(1))
                        .put(
                                "content_type",
                                contentType.find() ? contentType.group(1).strip() : "");
                upload.set("bytes", NODES.binaryNode(content));
                params.set(name.group(1), upload);
                continue;
            }
            String value = new String(content, StandardCharsets.UTF_8);
            try {
                JsonNode parsed = value.startsWith("[") || value.startsWith("{") ? JSON.readTree(value) : null;
                if (parsed != null) params.set(name.group(1), parsed);
                else params.put(name.group(1), value);
            } catch (IOException e) {
                params.put(name.group(1), value);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private static void formInto(ObjectNode params, String form) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            try {
                JsonNode parsed = value.startsWith("{") || value.startsWith("[") ? JSON.readTree(value) : null;
                if (parsed != null) params.set(key, parsed);
                else params.put(key, value);
            } catch (IOException e) {
                params.put(key, value);
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /** Method names are case-insensitive on the Bot API (TelegramBots sends {@code getme}). */
    private static String canonical(String method) {
        for (String known : METHODS) {
            if (known.equalsIgnoreCase(method)) return known;
        }
        return method;
    }

    private Response dispatch(String method, ObjectNode p) {
        switch (method) {
            case "getMe":
                return ok(botJson()
                        .put("can_join_groups", true)
                        .put("can_read_all_group_messages", false)
                        .put("supports_inline_queries", true));
            case "deleteWebhook":
                synchronized (lock) {
                    webhookUrl = null;
                }
                return ok(NODES.booleanNode(true));
            case "getUpdates":
                return getUpdates(p);
            case "setWebhook":
                synchronized (lock) {
                    webhookUrl = p.path("url").asText("");
                    webhookSecret = p.path("secret_token").asText("");
                    if (webhookUrl.isEmpty()) webhookUrl = null;
                    lock.notifyAll();
                }
                return ok(NODES.booleanNode(true));
            case "sendMessage":
                return sendMessage(p);
            case "sendPhoto":
                return sendPhoto(p);
            case "editMessageText":
                return editMessageText(p);
            case "answerCallbackQuery":
                return answerCallbackQuery(p);
            case "answerInlineQuery":
                return answerInlineQuery(p);
            case "setMyCommands":
                return setMyCommands(p);
            case "getChatMember":
                return getChatMember(p);
            case "getWebhookInfo":
                synchronized (lock) {
                    ObjectNode info = NODES.objectNode()
                            .put("url", webhookUrl == null ? "" : webhookUrl)
                            .put("has_custom_certificate", false)
                            .put("pending_update_count", webhookUrl == null ? 0 : updates.size());
                    if (webhookUrl != null && webhookError != null) {
                        info.put("last_error_date", now()).put("last_error_message", webhookError);
                    }
                    return ok(info);
                }
            default:
                return error(404, "Not Found", null);
        }
    }

    private Response getUpdates(ObjectNode p) {
        long offset = p.path("offset").asLong(0);
        int limit = Math.max(1, Math.min(100, p.path("limit").asInt(100)));
        long timeoutMillis = Math.max(0, p.path("timeout").asLong(0)) * 1000;
        synchronized (lock) {
            if (webhookUrl != null) {
                return error(
                        409,
                        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete"
                                + " the webhook first",
                        null);
            }
            if (offset > 0) updates.removeIf(u -> u.get("update_id").asLong() < offset);
            int generation = ++pollGeneration;
            lock.notifyAll();
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            while (updates.isEmpty()
                    && !closed
                    && !pollsAnswerAtOnce
                    && generation == pollGeneration
                    && webhookUrl == null) {
                long wait = (deadline - System.nanoTime()) / 1_000_000;
                if (wait <= 0) break;
                try {
                    lock.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (generation != pollGeneration) {
                return error(
                        409,
                        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is"
                                + " running",
                        null);
            }
            ArrayNode result = NODES.arrayNode();
            long nowNanos = System.nanoTime();
            for (ObjectNode u : updates) {
                if (result.size() >= limit) break;
                result.add(u);
                deliveredNanos.putIfAbsent(u.get("update_id").asInt(), nowNanos);
            }
            return ok(result);
        }
    }

    /** 429 when {@link #limitSendRate} messages (paid or not, as this one) were accepted within the last second. */
    private Response floodRule(ObjectNode p) {
        if (broadcast.admits(paid(p), System.nanoTime())) return null;
        return error(429, "Too Many Requests: retry after 1", NODES.objectNode().put("retry_after", 1));
    }

    private static boolean paid(ObjectNode p) {
        return p.path("allow_paid_broadcast").asBoolean(false);
    }

    private Response chatRule(long chatId) {
        Integer times = rateLimitTimes.get(chatId);
        if (times != null && times > 0) {
            rateLimitTimes.put(chatId, times - 1);
            int seconds = rateLimitSeconds.get(chatId);
            return error(
                    429,
                    "Too Many Requests: retry after " + seconds,
                    NODES.objectNode().put("retry_after", seconds));
        }
        String forbid = forbidden.get(chatId);
        if (forbid != null) return error(403, forbid, null);
        Long to = migrated.get(chatId);
        if (to != null) {
            return error(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    NODES.objectNode().put("migrate_to_chat_id", to));
        }
        if (!chats.containsKey(chatId)) return error(400, "Bad Request: chat not found", null);
        return null;
    }

    /**
     * The topic a send goes into: its message_thread_id, or else (as on Telegram) the topic of the message it
     * replies to; null for the chat itself.
     */
    private Integer threadOf(long chatId, ObjectNode p, Integer replyTo) {
        if (p.hasNonNull("message_thread_id")) return p.get("message_thread_id").asInt();
        if (replyTo == null) return null;
        return messageThreads.getOrDefault(chatId, Map.of()).get(replyTo);
    }

    /** 400 as Telegram answers a send into a topic that is not there (or not a topic) or is closed. */
    private Response topicRule(long chatId, Integer thread) {
        if (thread == null) return null;
        TopicState state = topics.getOrDefault(chatId, Map.of()).get(thread);
        if (state == null || state == TopicState.DELETED) {
            return error(400, "Bad Request: message thread not found", null);
        }
        if (state == TopicState.CLOSED) return error(400, "Bad Request: TOPIC_CLOSED", null);
        return null;
    }

    private Response sendMessage(ObjectNode p) {
        if (!p.hasNonNull("chat_id")) return error(400, "Bad Request: chat_id is empty", null);
        long chatId = p.get("chat_id").asLong();
        Object checked = checkText(p); // outside the lock: concurrent sends are parsed in parallel
        synchronized (lock) {
            Response flood = floodRule(p);
            if (flood != null) return flood;
            Response refused = chatRule(chatId);
            if (refused != null) return refused;
            if (checked instanceof Response r) return r;
            JsonNode reply = p.path("reply_parameters");
            Integer replyTo =
                    reply.hasNonNull("message_id") ? reply.get("message_id").asInt() : null;
            if (replyTo != null && !exists(chatId, replyTo)) {
                if (!reply.path("allow_sending_without_reply").asBoolean(false)) {
                    return error(400, "Bad Request: message to be replied not found", null);
                }
                replyTo = null;
            }
            Integer thread = threadOf(chatId, p, replyTo);
            Response noTopic = topicRule(chatId, thread);
            if (noTopic != null) return noTopic;
            broadcast.accepted(paid(p), System.nanoTime());
            int messageId = nextMessageId(chatId);
            Shown message = new Shown(
                    chatId,
                    messageId,
                    p.path("text").asText(),
                    (TelegramHtml.Parsed) checked,
                    keyboard(p.get("reply_markup")),
                    0,
                    replyTo,
                    null,
                    thread);
            if (thread != null)
                messageThreads.computeIfAbsent(chatId, k -> new HashMap<>()).put(messageId, thread);
            shown.computeIfAbsent(chatId, k -> new LinkedHashMap<>()).put(messageId, message);
            return ok(messageJson(message));
        }
    }

    /**
     * sendPhoto as the Bot API takes it: {@code photo} a multipart file, directly or as {@code attach://<part>}
     * naming the part that holds it (a PNG or JPEG of at most 10 MB, width +
     * height at most 10,000, ratio at most 20) or the file_id of an earlier photo; the caption at most 1,024
     * characters after entity parsing. The answer lists the sizes Telegram keeps, the largest at most 1280 px on
     * its longer side, each with its own file_id.
     */
    private Response sendPhoto(ObjectNode p) {
        if (!p.hasNonNull("chat_id")) return error(400, "Bad Request: chat_id is empty", null);
        long chatId = p.get("chat_id").asLong();
        JsonNode photo = p.path("photo");
        String field = "photo";
        if (photo.isTextual() && photo.asText().startsWith("attach://")) {
            // the file is the multipart part of that name (how TelegramBots uploads)
            field = photo.asText().substring("attach://".length());
            photo = p.path(field);
            if (!photo.isObject()) return error(400, "Bad Request: wrong file identifier/HTTP URL specified", null);
        }
        Upload upload = null;
        int[] size = null;
        if (photo.isObject()) {
            byte[] bytes;
            try {
                bytes = photo.path("bytes").binaryValue();
            } catch (IOException e) {
                return error(400, "Bad Request: IMAGE_PROCESS_FAILED", null);
            }
            size = imageSize(bytes);
            if (size == null) return error(400, "Bad Request: IMAGE_PROCESS_FAILED", null);
            if (bytes.length > 10_000_000) return error(400, "Bad Request: PHOTO_INVALID_DIMENSIONS", null);
            int w = size[0];
            int h = size[1];
            if (w + h > 10_000 || Math.max(w, h) > 20L * Math.min(w, h)) {
                return error(400, "Bad Request: PHOTO_INVALID_DIMENSIONS", null);
            }
            upload = new Upload(
                    "photo",
                    photo.path("file_name").asText(),
                    photo.path("content_type").asText(),
                    bytes);
        } else if (!photo.isTextual() || photo.asText().isEmpty()) {
            return error(400, "Bad Request: there is no photo in the request", null);
        }
        Object checked =
                checkText(p.path("caption").asText(""), p.path("parse_mode").asText(""), 1024);
        synchronized (lock) {
            Response flood = floodRule(p);
            if (flood != null) return flood;
            Response refused = chatRule(chatId);
            if (refused != null) return refused;
            if (checked instanceof Response r) return r;
            Photo shownPhoto;
            if (upload != null) {
                uploads.add(upload);
                String base = "AgAC" + ids.incrementAndGet();
                shownPhoto = new Photo(base + "-y", size[0], size[1], true);
                for (String suffix : List.of("-s", "-m", "-x", "-y")) {
                    photosById.put(base + suffix, new Photo(base + suffix, size[0], size[1], false));
                }
            } else {
                Photo known = photosById.get(photo.asText());
                if (known == null) return error(400, "Bad Request: wrong file identifier/HTTP URL specified", null);
                shownPhoto = known;
            }
            JsonNode reply = p.path("reply_parameters");
            Integer replyTo =
                    reply.hasNonNull("message_id") ? reply.get("message_id").asInt() : null;
            if (replyTo != null && !exists(chatId, replyTo)) {
                if (!reply.path("allow_sending_without_reply").asBoolean(false)) {
                    return error(400, "Bad Request: message to be replied not found", null);
                }
                replyTo = null;
            }
            Integer thread = threadOf(chatId, p, replyTo);
            Response noTopic = topicRule(chatId, thread);
            if (noTopic != null) return noTopic;
            broadcast.accepted(paid(p), System.nanoTime());
            int messageId = nextMessageId(chatId);
            Shown message = new Shown(
                    chatId,
                    messageId,
                    p.path("caption").asText(),
                    (TelegramHtml.Parsed) checked,
                    keyboard(p.get("reply_markup")),
                    0,
                    replyTo,
                    shownPhoto,
                    thread);
            if (thread != null)
                messageThreads.computeIfAbsent(chatId, k -> new HashMap<>()).put(messageId, thread);
            shown.computeIfAbsent(chatId, k -> new LinkedHashMap<>()).put(messageId, message);
            return ok(messageJson(message));
        }
    }

    /** Width and height of a PNG (from its IHDR chunk), or null when the bytes are no PNG. */
    private static int[] imageSize(byte[] bytes) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (bytes.length < 24) return null;
        for (int i = 0; i < signature.length; i++) if (bytes[i] != signature[i]) return null;
        if (bytes[12] != 'I' || bytes[13] != 'H' || bytes[14] != 'D' || bytes[15] != 'R') return null;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes, 16, 8);
        return new int[] {b.getInt(), b.getInt()};
    }

    private Response editMessageText(ObjectNode p) {
        long chatId = p.path("chat_id").asLong();
        int messageId = p.path("message_id").asInt();
        synchronized (lock) {
            Response refused = chatRule(chatId);
            if (refused != null) return refused;
            Shown old = shown.getOrDefault(chatId, new LinkedHashMap<>()).get(messageId);
            if (old == null) return error(400, "Bad Request: message to edit not found", null);
            if (old.photo() != null) return error(400, "Bad Request: there is no text in the message to edit", null);
            Object checked = checkText(p);
            if (checked instanceof Response r) return r;
            List<List<Button>> keyboard = keyboard(p.get("reply_markup"));
            TelegramHtml.Parsed parsed = (TelegramHtml.Parsed) checked;
            if (parsed.equals(old.parsed()) && keyboard.equals(old.keyboard())) {
                return error(
                        400,
                        "Bad Request: message is not modified: specified new message content and reply markup are"
                                + " exactly the same as a current content and reply markup of the message",
                        null);
            }
            Shown edited = new Shown(
                    chatId,
                    messageId,
                    p.path("text").asText(),
                    parsed,
                    keyboard,
                    old.edits() + 1,
                    old.replyTo(),
                    null,
                    old.thread());
            shown.get(chatId).put(messageId, edited);
            return ok(messageJson(edited));
        }
    }

    /** The parsed text, or the Bot API's refusal. */
    private static Object checkText(JsonNode p) {
        String text = p.path("text").asText("");
        return checkText(text, p.path("parse_mode").asText(""));
    }

    private static Object checkText(String text, String parseMode) {
        return checkText(text, parseMode, MAX_TEXT);
    }

    private static Object checkText(String text, String parseMode, int maxLength) {
        try {
            return TelegramHtml.message(text, parseMode, maxLength);
        } catch (TelegramHtml.Refused e) {
            return error(400, e.getMessage(), null);
        }
    }

    private Response answerCallbackQuery(ObjectNode p) {
        String id = p.path("callback_query_id").asText();
        synchronized (lock) {
            if (!callbackQueries.containsKey(id) || callbackAnswers.containsKey(id)) {
                return error(
                        400, "Bad Request: query is too old and response timeout expired or query ID is invalid", null);
            }
            if (p.path("text").asText("").length() > 200) {
                return error(400, "Bad Request: MESSAGE_TOO_LONG", null);
            }
            callbackAnswers.put(id, p);
            return ok(NODES.booleanNode(true));
        }
    }

    private Response answerInlineQuery(ObjectNode p) {
        String id = p.path("inline_query_id").asText();
        synchronized (lock) {
            if (!inlineQueries.contains(id) || inlineAnswers.containsKey(id)) {
                return error(
                        400, "Bad Request: query is too old and response timeout expired or query ID is invalid", null);
            }
            JsonNode results = p.path("results");
            if (results.size() > 50) return error(400, "Bad Request: RESULTS_TOO_MUCH", null);
            String nextOffset = p.path("next_offset").asText("");
            if (nextOffset.getBytes(StandardCharsets.UTF_8).length > 64) {
                return error(400, "Bad Request: NEXT_OFFSET_INVALID", null);
            }
            Set<String> seen = new HashSet<>();
            List<InlineResult> out = new ArrayList<>();
            for (JsonNode r : results) {
                String rid = r.path("id").asText("");
                if (rid.isEmpty() || rid.getBytes(StandardCharsets.UTF_8).length > 64) {
                    return error(400, "Bad Request: RESULT_ID_INVALID", null);
                }
                if (!seen.add(rid)) return error(400, "Bad Request: RESULT_ID_DUPLICATE", null);
                String type = r.path("type").asText();
                String title = r.path("title").asText("");
                if (type.equals("article")) {
                    if (title.isBlank()) return error(400, "Bad Request: RESULT_TITLE_EMPTY", null);
                    JsonNode content = r.path("input_message_content");
                    Object checked = checkText(
                            content.path("message_text").asText(""),
                            content.path("parse_mode").asText(""));
                    if (checked instanceof Response refused) return refused;
                    out.add(new InlineResult(
                            rid,
                            type,
                            title,
                            r.path("description").asText(""),
                            content.path("message_text").asText(),
                            ((TelegramHtml.Parsed) checked).text(),
                            null,
                            null,
                            null,
                            null));
                } else if (type.equals("photo")) {
                    String caption = r.path("caption").asText("");
                    if (caption.length() > 1024) return error(400, "Bad Request: MEDIA_CAPTION_TOO_LONG", null);
                    String fileId = r.path("photo_file_id").asText("");
                    String url = r.path("photo_url").asText("");
                    String thumbnail = r.path("thumbnail_url").asText("");
                    if (!fileId.isEmpty()) {
                        if (!photosById.containsKey(fileId)) {
                            return error(400, "Bad Request: wrong file identifier/HTTP URL specified", null);
                        }
                    } else {
                        if (!absoluteHttpUrl(url)) return error(400, "Bad Request: PHOTO_URL_INVALID", null);
                        if (thumbnail.isEmpty()) return error(400, "Bad Request: PHOTO_THUMB_URL_EMPTY", null);
                        if (!absoluteHttpUrl(thumbnail))
                            return error(400, "Bad Request: PHOTO_THUMB_URL_INVALID", null);
                    }
                    out.add(new InlineResult(
                            rid,
                            type,
                            title,
                            r.path("description").asText(""),
                            null,
                            null,
                            url.isEmpty() ? null : url,
                            thumbnail.isEmpty() ? null : thumbnail,
                            fileId.isEmpty() ? null : fileId,
                            caption));
                } else {
                    return error(400, "Bad Request: RESULT_TYPE_INVALID", null);
                }
            }
            inlineAnswers.put(
                    id,
                    new InlineAnswer(
                            id,
                            List.copyOf(out),
                            nextOffset,
                            p.hasNonNull("cache_time") ? p.get("cache_time").asInt() : null,
                            p.path("is_personal").asBoolean(false)));
            return ok(NODES.booleanNode(true));
        }
    }

    private static boolean absoluteHttpUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private Response setMyCommands(ObjectNode p) {
        JsonNode list = p.path("commands");
        if (list.size() > 100) return error(400, "Bad Request: too many commands", null);
        List<BotCommand> out = new ArrayList<>();
        for (JsonNode c : list) {
            String command = c.path("command").asText("");
            String description = c.path("description").asText("");
            if (!command.matches("[a-z0-9_]{1,32}")) return error(400, "Bad Request: BOT_COMMAND_INVALID", null);
            if (description.isBlank() || description.length() > 256) {
                return error(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID", null);
            }
            out.add(new BotCommand(command, description));
        }
        String scope = p.path("scope").path("type").asText("default");
        String language = p.path("language_code").asText("");
        synchronized (lock) {
            commands.put(scope + "/" + language, List.copyOf(out));
        }
        return ok(NODES.booleanNode(true));
    }

    private Response getChatMember(ObjectNode p) {
        long chatId = p.path("chat_id").asLong();
        long userId = p.path("user_id").asLong();
        synchronized (lock) {
            if (!chats.containsKey(chatId)) return error(400, "Bad Request: chat not found", null);
            ObjectNode user =
                    NODES.objectNode().put("id", userId).put("is_bot", false).put("first_name", "u");
            ObjectNode member = NODES.objectNode();
            if (admins.getOrDefault(chatId, Set.of()).contains(userId)) {
                member.put("status", "administrator");
                member.set("user", user);
                for (String right : List.of(
                        "can_be_edited",
                        "is_anonymous",
                        "can_manage_chat",
                        "can_delete_messages",
                        "can_manage_video_chats",
                        "can_restrict_members",
                        "can_promote_members",
                        "can_change_info",
                        "can_invite_users",
                        "can_post_stories",
                        "can_edit_stories",
                        "can_delete_stories")) {
                    member.put(right, !right.equals("can_be_edited") && !right.equals("is_anonymous"));
                }
            } else {
                member.put("status", "member");
                member.set("user", user);
            }
            return ok(member);
        }
    }

    // ---------------------------------------------------------------- JSON shapes

    private int enqueue(String kind, ObjectNode payload) {
        int id = nextUpdateId++;
        ObjectNode update = NODES.objectNode().put("update_id", id);
        update.set(kind, payload);
        updates.add(update);
        enqueuedNanos.put(id, System.nanoTime());
        lock.notifyAll();
        return id;
    }

    private ObjectNode newMessage(long chatId, ObjectNode from, String text) {
        ObjectNode message = NODES.objectNode().put("message_id", nextMessageId(chatId));
        if (from != null) message.set("from", from);
        message.set("chat", chat(chatId));
        message.put("date", now());
        if (text != null) {
            message.put("text", text);
            ArrayNode entities = NODES.arrayNode();
            Matcher m = COMMAND.matcher(text);
            if (m.find())
                entities.addObject().put("type", "bot_command").put("offset", 0).put("length", m.end());
            // Telegram marks every @username as a mention entity (offsets in UTF-16 code units, as Java counts)
            Matcher mention = MENTION.matcher(text);
            while (mention.find()) {
                entities.addObject()
                        .put("type", "mention")
                        .put("offset", mention.start())
                        .put("length", mention.end() - mention.start());
            }
            if (!entities.isEmpty()) message.set("entities", entities);
        }
        return message;
    }

    private ObjectNode messageJson(Shown m) {
        ObjectNode message = NODES.objectNode().put("message_id", m.messageId());
        message.set("from", botJson());
        message.set("chat", chat(m.chatId()));
        message.put("date", now());
        if (m.thread() != null) message.put("message_thread_id", m.thread()).put("is_topic_message", true);
        if (m.photo() != null) {
            message.put("caption", m.text());
            message.set("photo", photoSizes(m.photo()));
        } else {
            message.put("text", m.text());
        }
        ArrayNode entities = NODES.arrayNode();
        for (TelegramHtml.Entity e : m.parsed().entities()) {
            String type = TelegramHtml.entityType(e.tag());
            if (type != null) {
                entities.addObject().put("type", type).put("offset", e.offset()).put("length", e.length());
            }
        }
        if (!entities.isEmpty()) message.set("entities", entities);
        if (!m.keyboard().isEmpty()) {
            ArrayNode rows = NODES.arrayNode();
            for (List<Button> row : m.keyboard()) {
                ArrayNode r = rows.addArray();
                for (Button b : row) r.addObject().put("text", b.text()).put("callback_data", b.callbackData());
            }
            message.set("reply_markup", NODES.objectNode().set("inline_keyboard", rows));
        }
        return message;
    }

    /** The sizes Telegram keeps of a photo: thumbnails and the largest at most 1280 px, as PhotoSize objects. */
    private static ArrayNode photoSizes(Photo photo) {
        String base = photo.fileId().substring(0, photo.fileId().lastIndexOf('-'));
        ArrayNode sizes = NODES.arrayNode();
        int[] longest = {90, 320, 800, 1280};
        String[] suffix = {"-s", "-m", "-x", "-y"};
        for (int i = 0; i < longest.length; i++) {
            double scale = Math.min(1.0, (double) longest[i] / Math.max(photo.width(), photo.height()));
            sizes.addObject()
                    .put("file_id", base + suffix[i])
                    .put("file_unique_id", "u" + base + suffix[i])
                    .put("width", (int) Math.round(photo.width() * scale))
                    .put("height", (int) Math.round(photo.height() * scale))
                    .put("file_size", 1000 * (i + 1));
        }
        return sizes;
    }

    private static List<List<Button>> keyboard(JsonNode markup) {
        if (markup == null || !markup.has("inline_keyboard")) return List.of();
        List<List<Button>> rows = new ArrayList<>();
        for (JsonNode row : markup.get("inline_keyboard")) {
            List<Button> buttons = new ArrayList<>();
            for (JsonNode b : row)
                buttons.add(new Button(
                        b.path("text").asText(), b.path("callback_data").asText()));
            rows.add(List.copyOf(buttons));
        }
        return List.copyOf(rows);
    }

    private Shown shown(long chatId, int messageId) {
        Shown m = shown.getOrDefault(chatId, new LinkedHashMap<>()).get(messageId);
        if (m == null) throw new IllegalArgumentException("no bot message " + messageId + " in chat " + chatId);
        return m;
    }

    /** Remembers a user's message as sent, which the bot and other users may reply to; returns its id. */
    private int posted(long chatId, ObjectNode message) {
        int id = message.get("message_id").asInt();
        sentByUsers.computeIfAbsent(chatId, k -> new HashMap<>()).put(id, message.deepCopy());
        return posted(chatId, id);
    }

    /** Remembers a user's message (or channel post), which the bot may reply to; returns its id. */
    private int posted(long chatId, int messageId) {
        userMessages.computeIfAbsent(chatId, k -> new HashSet<>()).add(messageId);
        return messageId;
    }

    private boolean exists(long chatId, int messageId) {
        return userMessages.getOrDefault(chatId, Set.of()).contains(messageId)
                || shown.getOrDefault(chatId, new LinkedHashMap<>()).containsKey(messageId);
    }

    private int nextMessageId(long chatId) {
        return nextMessageId.merge(chatId, 1, Integer::sum);
    }

    private ObjectNode chat(long chatId) {
        ObjectNode chat = chats.get(chatId);
        if (chat == null) throw new IllegalArgumentException("unknown chat " + chatId + ": create it first");
        return chat.deepCopy();
    }

    private static ObjectNode userJson(User u) {
        ObjectNode user =
                NODES.objectNode().put("id", u.id()).put("is_bot", false).put("first_name", u.firstName());
        if (u.languageCode() != null) user.put("language_code", u.languageCode());
        return user;
    }

    private static ObjectNode botJson() {
        return NODES.objectNode()
                .put("id", BOT_ID)
                .put("is_bot", true)
                .put("first_name", "Excerpt Bot")
                .put("username", BOT_USERNAME);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static Response ok(JsonNode result) {
        return new Response(200, NODES.objectNode().put("ok", true).set("result", result));
    }

    private static Response error(int status, String description, ObjectNode parameters) {
        ObjectNode body =
                NODES.objectNode().put("ok", false).put("error_code", status).put("description", description);
        if (parameters != null) body.set("parameters", parameters);
        return new Response(status, body);
    }
}
