package org.excerptbot.discord.fake;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Discord on 127.0.0.1 for end-to-end tests of a real JDA client: the REST API under {@code /api/v10/} on
 * the JDK HTTP server, and a websocket gateway ({@link FakeGateway}).
 *
 * <p>REST speaks the routes a slash-command bot uses, with Discord's shapes: {@code GET users/@me} (401 for a wrong
 * token), {@code GET gateway/bot}, {@code PUT/GET applications/{app}/commands}, {@code POST
 * interactions/{id}/{token}/callback} (types 4-8, {@code with_response}), webhook follow-ups and edits of
 * {@code @original}, and {@code POST channels/{id}/messages}. Every answer carries {@code X-RateLimit-*} headers and
 * {@code Via} (JDA takes a 429 without {@code Via} for a Cloudflare ban); per-bucket limits are enforced and a 429
 * can be injected on demand, with {@code retry_after} in the body and {@code Retry-After} in the header. Bodies are
 * validated against Discord's limits (400 {@code Invalid Form Body}); multipart uploads ({@code payload_json} and
 * {@code files[n]}) become attachments whose bytes a test can {@link #download}, 413 beyond 10 MiB a file; an interaction must be acknowledged once and
 * within 3 s (else 10062 {@code Unknown interaction} / 40060 {@code already acknowledged}); channels can be made to
 * answer Missing Access (50001) or Unknown Channel (10003).
 *
 * <p>Every call is recorded, and the fake keeps the messages as a user would see them ({@link FakeMessage}):
 * replies, ephemeral errors, "thinking" placeholders, edits by buttons, follow-ups and channel posts.
 */
public final class FakeDiscord implements AutoCloseable {
    public static final String TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAx.fake.discord-test-token";
    public static final String APPLICATION_ID = "1000000000000000001";
    public static final String GUILD_ID = "1100000000000000001";
    public static final long VIEW_CHANNEL = 1L << 10;
    public static final long SEND_MESSAGES = 1L << 11;
    public static final long EMBED_LINKS = 1L << 14;
    public static final long READ_MESSAGE_HISTORY = 1L << 16;
    public static final long USE_APPLICATION_COMMANDS = 1L << 31;
    public static final long ADMINISTRATOR = 1L << 3;
    public static final long MANAGE_CHANNELS = 1L << 4;
    public static final long MANAGE_GUILD = 1L << 5;
    /** What an ordinary member may do in a text channel. */
    public static final long MEMBER =
            VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS;

    private static final Duration ACK_DEADLINE = Duration.ofSeconds(3);
    private static final long DISCORD_EPOCH = 1_420_070_400_000L;

    /** A guild text channel (type 0) in a server, or a DM channel (type 1, no server). */
    public record Channel(String id, String name, int type, String guildId) {
        /** A text channel of the test server {@link #GUILD_ID}. */
        public static Channel text(String id, String name) {
            return new Channel(id, name, 0, GUILD_ID);
        }

        public static Channel text(String id, String name, String guildId) {
            return new Channel(id, name, 0, guildId);
        }

        /** An announcement channel (type 5) of the test server, whose messages can be published to followers. */
        public static Channel news(String id, String name) {
            return new Channel(id, name, 5, GUILD_ID);
        }

        static Channel dm(String id) {
            return new Channel(id, "", 1, null);
        }
    }

    /** A role of a server and the permissions it grants everywhere in it. */
    public record Role(String id, String name, long permissions) {}

    /** A channel's permission overwrite for a role: what it allows and denies there beyond the role's own. */
    public record Overwrite(Channel channel, Role role, long allow, long deny) {}

    /**
     * A server the gateway announces the way Discord does: unavailable in READY, then a GUILD_CREATE with its roles
     * (an {@code @everyone} role whose id is the server's, granting {@link #MEMBER}, comes first), its channels and
     * the bot's own member, so that JDA caches it and computes permissions from that cache instead of the
     * interaction's {@code permissions}.
     */
    public record Guild(
            String id,
            String name,
            String ownerId,
            List<Role> roles,
            List<Channel> channels,
            List<Overwrite> overwrites) {
        public Guild(String id, String name, String ownerId, List<Role> roles, List<Channel> channels) {
            this(id, name, ownerId, roles, channels, List.of());
        }

        /** The same server with one more permission overwrite on a channel. */
        public Guild with(Overwrite overwrite) {
            List<Overwrite> more = new ArrayList<>(overwrites);
            more.add(overwrite);
            return new Guild(id, name, ownerId, roles, channels, more);
        }

        /** The guild's shard among {@code total}: {@code (id >> 22) % total}, as Discord routes it. */
        public int shard(int total) {
            return (int) ((Long.parseUnsignedLong(id) >>> 22) % total);
        }
    }

    /** A Discord user; {@code locale} is the client's language ({@code zh-CN}, {@code en-US}, ...). */
    public record User(String id, String name, String locale) {}

    /** Ways a channel can refuse the bot's posts. */
    public enum ChannelFault {
        MISSING_ACCESS,
        UNKNOWN_CHANNEL,
        MISSING_PERMISSIONS
    }

    /** An interaction pushed through the gateway; its token addresses its replies. */
    public record Sent(String id, String token, int type, String channelId) {}

    private static final class InteractionState {
        final Sent sent;
        final Instant createdAt;
        final String componentMessageId;
        volatile int ackType;
        volatile Instant acknowledgedAt;
        volatile Instant callbackArrivedAt;
        volatile String originalMessageId;
        volatile JsonNode choices;
        final List<String> followUps = new CopyOnWriteArrayList<>();

        InteractionState(Sent sent, Instant createdAt, String componentMessageId) {
            this.sent = sent;
            this.createdAt = createdAt;
            this.componentMessageId = componentMessageId;
        }
    }

    private static final class Bucket {
        final String hash;
        final int limit;
        final Duration window;
        int remaining;
        Instant resetAt;

        Bucket(String hash, int limit, Duration window, Instant now) {
            this.hash = hash;
            this.limit = limit;
            this.window = window;
            this.remaining = limit;
            this.resetAt = now.plus(window);
        }
    }

    private record Injected(String method, String pathPattern, Duration retryAfter, boolean global) {}

    private record Answer(int status, JsonNode body) {}

    private record Refusal(String method, String pathPattern, Answer answer) {}

    private final ObjectMapper json = new ObjectMapper();
    private final FakeAttachments attachments = new FakeAttachments(json);
    private final Clock clock;
    private final HttpServer http;
    private final ExecutorService httpPool;
    private final FakeGateway gateway;
    private final ObjectNode selfUser;
    private final AtomicLong sequence = new AtomicLong();
    // synchronized lists, copied when read: a copy-on-write list copied itself on every one of the thousands of
    // calls and messages a burst adds, on the CPU the bot under test shares with this fake
    private final List<RecordedCall> calls = Collections.synchronizedList(new ArrayList<>());
    /** The client ends (address and port) REST requests came from: one per TCP connection the bot opened. */
    private final Set<InetSocketAddress> restClients = ConcurrentHashMap.newKeySet();

    private final Map<String, FakeMessage> messages = new ConcurrentHashMap<>();
    private final List<String> messageOrder = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, InteractionState> interactions = new ConcurrentHashMap<>();
    private final Map<String, InteractionState> byToken = new ConcurrentHashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Integer> bucketLimits = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Injected> injected = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Refusal> refusals = new ConcurrentLinkedDeque<>();
    private final Map<String, ChannelFault> channelFaults = new ConcurrentHashMap<>();
    /** Per announcement channel, when its messages were published, for Discord's 10 an hour. */
    private final Map<String, List<Instant>> crossposts = new ConcurrentHashMap<>();

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ArrayNode commands;
    private volatile Instant globalBlockedUntil = Instant.EPOCH;

    public final Channel general = Channel.text("1200000000000000001", "general");
    public final Channel announcements = Channel.text("1200000000000000002", "announcements");
    /** An announcement channel (type 5); in the test server only when a test announces a server with it. */
    public final Channel news = Channel.news("1200000000000000003", "news");

    public final User reader = new User("1300000000000000001", "reader", "zh-CN");
    public final User englishReader = new User("1300000000000000002", "english_reader", "en-US");
    public final User owner = new User("1300000000000000099", "owner", "zh-CN");
    private final Map<String, Guild> announcedGuilds = new ConcurrentHashMap<>();
    private final Map<String, Channel> channels =
            new ConcurrentHashMap<>(Map.of(general.id(), general, announcements.id(), announcements, news.id(), news));

    public FakeDiscord() {
        this(Clock.systemUTC());
    }

    public FakeDiscord(Clock clock) {
        this.clock = clock;
        this.selfUser = json.createObjectNode()
                .put("id", APPLICATION_ID)
                .put("username", "ExcerptBot")
                .put("discriminator", "0")
                .putNull("global_name")
                .putNull("avatar")
                .put("bot", true)
                .put("verified", true)
                .put("mfa_enabled", false)
                .put("flags", 0);
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the fake Discord on 127.0.0.1", e);
        }
        httpPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-discord-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(httpPool);
        http.createContext("/", this::handle);
        http.start();
        gateway = new FakeGateway(json, TOKEN, selfUser, APPLICATION_ID, this::guildsOfShard);
        gateway.startAndWait();
        // Discord's documented per-channel limit for creating messages
        bucketLimits.put("POST channels/*/messages", 5);
    }

    /** The REST base to give JDA's {@code RestConfig.setBaseUrl}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/v10/";
    }

    /** The gateway URL to hand out through a {@code SessionController}. */
    public String gatewayUrl() {
        return "ws://127.0.0.1:" + gateway.getPort() + "/";
    }

    public ObjectMapper json() {
        return json;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        http.stop(0);
        httpPool.shutdownNow();
        try {
            gateway.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- what tests set up

    /** Makes the channel refuse the bot's posts the way Discord does. */
    public void fault(Channel channel, ChannelFault fault) {
        channelFaults.put(channel.id(), fault);
    }

    /**
     * A text channel of a server that has not added the bot (users who installed the app to their account use it
     * there): known to the fake, never announced on the gateway.
     */
    public Channel channelOfAServerWithoutTheBot() {
        Channel c = Channel.text("1210000000000000001", "elsewhere", "1110000000000000001");
        channels.put(c.id(), c);
        return c;
    }

    /** The test server with #general, #announcements and the announcement channel #news. */
    public Guild testGuildWithNews(Role... roles) {
        return new Guild(
                GUILD_ID, "Excerpt readers", owner.id(), List.of(roles), List.of(general, announcements, news));
    }

    /** The test server {@link #GUILD_ID} with #general and #announcements, owned by {@link #owner}. */
    public Guild testGuild(Role... roles) {
        return new Guild(GUILD_ID, "Excerpt readers", owner.id(), List.of(roles), List.of(general, announcements));
    }

    /**
     * Puts the bot in a server: listed in the READY of the shard that owns it, then sent as GUILD_CREATE; to a
     * session already connected on that shard, GUILD_CREATE goes at once (the bot was added to the server).
     */
    public void announceGuild(Guild guild) {
        announcedGuilds.put(guild.id(), guild);
        guild.channels().forEach(c -> channels.put(c.id(), c));
        gateway.guildCreated(Long.parseUnsignedLong(guild.id()) >>> 22, guildCreate(guild));
    }

    private List<FakeGateway.GuildAnnouncement> guildsOfShard(int shard, int total) {
        return announcedGuilds.values().stream()
                .filter(g -> g.shard(total) == shard)
                .map(g -> new FakeGateway.GuildAnnouncement(g.id(), guildCreate(g)))
                .toList();
    }

    /** GUILD_CREATE's payload for a server, with the fields JDA's EntityBuilder reads. */
    private ObjectNode guildCreate(Guild guild) {
        ObjectNode g = json.createObjectNode();
        g.put("id", guild.id());
        g.put("name", guild.name());
        g.putNull("icon");
        g.putNull("splash");
        g.putNull("banner");
        g.putNull("description");
        g.putNull("vanity_url_code");
        g.put("owner_id", guild.ownerId());
        g.putNull("afk_channel_id");
        g.putNull("system_channel_id");
        g.putNull("rules_channel_id");
        g.putNull("public_updates_channel_id");
        g.put("afk_timeout", 300);
        g.put("verification_level", 0);
        g.put("default_message_notifications", 1);
        g.put("explicit_content_filter", 0);
        g.put("mfa_level", 0);
        g.put("nsfw_level", 0);
        g.put("premium_tier", 0);
        g.put("premium_subscription_count", 0);
        g.put("premium_progress_bar_enabled", false);
        g.put("system_channel_flags", 0);
        g.put("preferred_locale", "zh-CN");
        g.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        g.put("large", false);
        g.put("unavailable", false);
        g.put("member_count", 3);
        g.putArray("features");
        ArrayNode roles = g.putArray("roles");
        roles.add(roleJson(new Role(guild.id(), "@everyone", MEMBER), 0));
        int position = 1;
        for (Role r : guild.roles()) roles.add(roleJson(r, position++));
        ArrayNode channelsJson = g.putArray("channels");
        position = 0;
        for (Channel c : guild.channels()) {
            ObjectNode cj = InteractionBuilder.channelJson(c, MEMBER);
            cj.remove("permissions");
            cj.put("position", position++);
            ArrayNode overwrites = cj.putArray("permission_overwrites");
            for (Overwrite o : guild.overwrites()) {
                if (!o.channel().id().equals(c.id())) continue;
                overwrites
                        .addObject()
                        .put("id", o.role().id())
                        .put("type", 0)
                        .put("allow", Long.toString(o.allow()))
                        .put("deny", Long.toString(o.deny()));
            }
            channelsJson.add(cj);
        }
        ArrayNode members = g.putArray("members");
        ObjectNode self = members.addObject();
        self.set("user", selfUser.deepCopy());
        self.putArray("roles");
        self.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        self.put("deaf", false);
        self.put("mute", false);
        self.put("flags", 0);
        for (String empty : List.of(
                "threads",
                "emojis",
                "stickers",
                "voice_states",
                "presences",
                "stage_instances",
                "guild_scheduled_events")) g.putArray(empty);
        return g;
    }

    private ObjectNode roleJson(Role role, int position) {
        ObjectNode r = json.createObjectNode();
        r.put("id", role.id());
        r.put("name", role.name());
        r.put("color", 0);
        r.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        r.put("hoist", false);
        r.putNull("icon");
        r.putNull("unicode_emoji");
        r.put("position", position);
        r.put("permissions", Long.toString(role.permissions()));
        r.put("managed", false);
        r.put("mentionable", false);
        r.put("flags", 0);
        return r;
    }

    /** The channel with this id, in any server the fake knows. */
    Channel channel(String id) {
        Channel c = channels.get(id);
        if (c == null) throw new IllegalArgumentException("id: no channel " + id);
        return c;
    }

    /**
     * Someone else (a moderator in the Discord client, another instance of the bot) published {@code count} messages
     * of the announcement channel just now: they count towards the channel's 10 publishes an hour.
     */
    public void publishedByOthers(Channel channel, int count) {
        synchronized (messages) {
            List<Instant> times = crossposts.computeIfAbsent(channel.id(), k -> new ArrayList<>());
            for (int i = 0; i < count; i++) times.add(clock.instant());
        }
    }

    /** The next request matching method and path ({@code *} = one segment) gets a 429. */
    public void rateLimitNext(String method, String pathPattern, Duration retryAfter, boolean global) {
        injected.add(new Injected(method, pathPattern, retryAfter, global));
    }

    /** The next request matching method and path ({@code *} = one segment) is refused with this JSON error. */
    public void refuseNext(String method, String pathPattern, int status, int code, String message) {
        refusals.add(new Refusal(method, pathPattern, error(status, code, message)));
    }

    /** Sets the size of the bucket of a route ({@code "POST channels/*}{@code /messages"}), per major parameter. */
    public void bucketLimit(String route, int limit) {
        bucketLimits.put(route, limit);
    }

    // ---------------------------------------------------------------- what tests observe

    public List<RecordedCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<RecordedCall> calls(String method, String pathPattern) {
        return calls().stream().filter(c -> c.is(method, pathPattern)).toList();
    }

    /** How many TCP connections the bot has opened to the REST API so far. */
    public int restConnections() {
        return restClients.size();
    }

    /** The payloads the bot sent on the gateway. */
    public List<JsonNode> gatewayPayloads() {
        return gateway.received();
    }

    public boolean botConnected() {
        return gateway.hasIdentifiedSession();
    }

    /** The shards the bot has identified, as "id/total" ("0/1" for a single connection). */
    public Set<String> identifiedShards() {
        return gateway.identifiedShards();
    }

    /** Drops the shard's connection and refuses it (close code 4000) until {@link #acceptShard}. */
    public void refuseShard(int shard) {
        gateway.refuseShard(shard);
    }

    public void acceptShard(int shard) {
        gateway.acceptShard(shard);
    }

    /** The global commands as last registered, or an empty array. */
    public ArrayNode commands() {
        return commands == null ? json.createArrayNode() : commands.deepCopy();
    }

    /** The registered command itself, not a copy: for building interactions, which only read it. */
    Optional<JsonNode> registered(String name) {
        ArrayNode current = commands;
        if (current != null)
            for (JsonNode c : current) if (name.equals(c.path("name").asText())) return Optional.of(c);
        return Optional.empty();
    }

    public Optional<JsonNode> command(String name) {
        for (JsonNode c : commands()) if (name.equals(c.path("name").asText())) return Optional.of(c);
        return Optional.empty();
    }

    /** The current state of every message in a channel, oldest first, deleted ones left out. */
    public List<FakeMessage> messagesIn(Channel channel) {
        List<String> order;
        synchronized (messageOrder) {
            order = List.copyOf(messageOrder);
        }
        return order.stream()
                .map(messages::get)
                .filter(m -> m.channelId().equals(channel.id()) && !m.deleted())
                .toList();
    }

    /** The bytes of an attachment, fetched from its CDN URL as a client would. */
    public byte[] download(JsonNode attachment) {
        return attachments.download(attachment.path("url").asText());
    }

    public Optional<FakeMessage> message(String id) {
        return Optional.ofNullable(messages.get(id));
    }

    /** How the interaction was acknowledged: 0 not yet, 4 reply, 5 deferred reply, 6 deferred update, 7, 8. */
    public int ackType(Sent sent) {
        return state(sent).ackType;
    }

    /** How long Discord waited for the acknowledgement of an interaction; empty while it has none. */
    public Optional<Duration> ackDelay(Sent sent) {
        InteractionState s = state(sent);
        Instant at = s.acknowledgedAt;
        return at == null ? Optional.empty() : Optional.of(Duration.between(s.createdAt, at));
    }

    /** When the interaction was acknowledged; empty while it has not been. */
    public Optional<Instant> acknowledgedAt(Sent sent) {
        return Optional.ofNullable(state(sent).acknowledgedAt);
    }

    /** When the bot's first callback request for the interaction reached the fake (before any rate limit). */
    public Optional<Instant> callbackArrivedAt(Sent sent) {
        return Optional.ofNullable(state(sent).callbackArrivedAt);
    }

    /**
     * Whether the user has an answer to a command: a complete reply (not "thinking", not deleted) or a follow-up.
     */
    public boolean answered(Sent sent) {
        return shownAnswer(state(sent)) != null;
    }

    /** When the interaction was pushed to the bot. */
    public Instant createdAt(Sent sent) {
        return state(sent).createdAt;
    }

    /**
     * The answer the user sees to a command once it is complete: the reply (not "thinking"), or, when the bot
     * answered with a follow-up instead (an error after a deferral, in private), that follow-up.
     */
    public FakeMessage awaitReply(Sent sent) {
        InteractionState s = state(sent);
        return await("the reply to " + describe(sent)).until(() -> shownAnswer(s), m -> m != null);
    }

    private FakeMessage shownAnswer(InteractionState s) {
        if (!s.followUps.isEmpty()) return messages.get(s.followUps.get(0));
        FakeMessage original = s.originalMessageId == null ? null : messages.get(s.originalMessageId);
        return original == null || original.loading() || original.deleted() ? null : original;
    }

    /** The message a button was on, once a press of it has been answered with a new version. */
    public FakeMessage awaitEdit(FakeMessage before) {
        return await("an edit of message " + before.id())
                .until(() -> messages.get(before.id()), m -> m.version() > before.version() && !m.loading());
    }

    /** The choices an autocomplete interaction was answered with. */
    public List<String> awaitChoices(Sent sent) {
        InteractionState s = state(sent);
        JsonNode choices = await("autocomplete choices for " + describe(sent)).until(() -> s.choices, c -> c != null);
        List<String> names = new ArrayList<>();
        choices.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    /** The values (not the names) of the autocomplete choices. */
    public List<String> awaitChoiceValues(Sent sent) {
        awaitChoices(sent);
        List<String> values = new ArrayList<>();
        state(sent).choices.forEach(c -> values.add(c.path("value").asText()));
        return values;
    }

    /** Messages sent as follow-ups to an interaction (webhook executes), in order. */
    public List<FakeMessage> followUps(Sent sent) {
        return state(sent).followUps.stream().map(messages::get).toList();
    }

    private InteractionState state(Sent sent) {
        InteractionState s = interactions.get(sent.id());
        if (s == null) throw new IllegalArgumentException("sent: no such interaction " + sent.id());
        return s;
    }

    private static String describe(Sent sent) {
        return "interaction " + sent.id() + " (type " + sent.type() + ")";
    }

    // ---------------------------------------------------------------- interactions a test pushes

    /** Starts a slash command as the ordinary reader in #general; options are checked against the registration. */
    public InteractionBuilder slash(String command) {
        return new InteractionBuilder(this, 2, command);
    }

    /**
     * Starts a message context-menu command (Apps, then its name, on a message), as the ordinary reader in the
     * message's channel; Discord sends the message itself as {@code data.resolved.messages}.
     */
    public InteractionBuilder messageCommand(String name, FakeMessage target) {
        return new InteractionBuilder(this, 2, name)
                .in(channel(target.channelId()))
                .target(target);
    }

    /**
     * A user writes a message in a channel. The bot does not see it (it asks for no message intents); a test can
     * point a message command at it.
     */
    public FakeMessage post(User author, Channel channel, String content) {
        FakeMessage created = create(channel.id(), json.createObjectNode().put("content", content), 0, 0);
        ObjectNode m = created.json().deepCopy();
        m.set("author", userJson(author));
        m.remove("application_id");
        FakeMessage byUser = new FakeMessage(m, 1, false);
        messages.put(created.id(), byUser);
        return byUser;
    }

    /** How a user mentions the bot in a message: {@code <@id>}. */
    public static String mentionOfTheBot() {
        return "<@" + APPLICATION_ID + ">";
    }

    private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d+)>");

    /**
     * A member writes a message in a server channel: stored, and sent through the gateway as MESSAGE_CREATE with its
     * author, member and the users its content mentions ({@code <@id>}), to sessions that asked for GUILD_MESSAGES;
     * its content only to those with MESSAGE_CONTENT or when it mentions the bot, as Discord does.
     *
     * @return how many gateway sessions received it
     */
    public int say(User author, Channel channel, String content) {
        FakeMessage said = post(author, channel, content);
        ObjectNode m = said.json().deepCopy();
        m.put("guild_id", channel.guildId());
        ObjectNode member = m.putObject("member");
        member.putArray("roles");
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        member.put("deaf", false);
        member.put("mute", false);
        member.put("flags", 0);
        member.putNull("nick");
        ArrayNode mentions = m.putArray("mentions");
        boolean mentionsBot = false;
        Matcher found = USER_MENTION.matcher(content);
        while (found.find()) {
            String id = found.group(1);
            if (id.equals(APPLICATION_ID)) {
                mentionsBot = true;
                mentions.add(selfUser.deepCopy());
            } else if (id.equals(author.id())) {
                mentions.add(userJson(author));
            }
        }
        return gateway.dispatchGuildMessage(Long.parseUnsignedLong(channel.guildId()) >>> 22, m, mentionsBot);
    }

    /** Starts an autocomplete request for a command option. */
    public InteractionBuilder autocomplete(String command) {
        return new InteractionBuilder(this, 4, command);
    }

    /** Presses the button with this label on a message, as the reader. */
    public Sent press(FakeMessage message, String label) {
        return press(message, label, reader);
    }

    /** Presses a button as the reader through the app they installed to their account (a server without the bot). */
    public Sent pressThroughUserInstall(FakeMessage message, String label) {
        return press(message, label, reader, true);
    }

    /** Presses the button with this label on a message. */
    public Sent press(FakeMessage message, String label, User user) {
        return press(message, label, user, false);
    }

    /**
     * Presses a button as a member with these permissions in the channel and these roles, as Discord sends them (a
     * server manager removing a schedule, say).
     */
    public Sent press(FakeMessage message, String label, User user, long permissions, Role... roles) {
        return press(message, label, user, false, permissions, List.of(roles));
    }

    private Sent press(FakeMessage message, String label, User user, boolean userInstall) {
        return press(message, label, user, userInstall, MEMBER, List.of());
    }

    private Sent press(
            FakeMessage message, String label, User user, boolean userInstall, long permissions, List<Role> roles) {
        FakeMessage current = messages.get(message.id());
        if (current == null || current.deleted()) throw new IllegalArgumentException("message: not shown");
        JsonNode button = current.button(label)
                .orElseThrow(() -> new IllegalArgumentException(
                        "label: no button '" + label + "' on the message; it has " + current.buttonLabels()));
        ObjectNode data = json.createObjectNode()
                .put("custom_id", button.path("custom_id").asText())
                .put("component_type", 2);
        Channel channel = channel(current.channelId());
        ObjectNode payload = InteractionBuilder.base(this, 3, channel, user, permissions, false);
        ArrayNode memberRoles = (ArrayNode) payload.path("member").path("roles");
        roles.forEach(r -> memberRoles.add(r.id()));
        if (userInstall) payload.putObject("authorizing_integration_owners").put("1", user.id());
        payload.set("data", data);
        payload.set("message", current.json().deepCopy());
        return push(payload, current.id());
    }

    /** An interaction built and checked, its JSON written with a stand-in for the id it gets when pushed. */
    public static final class Prepared {
        private final String json;
        private final String token;
        private final int type;
        private final String channelId;
        private final long routing;

        private Prepared(String json, String token, int type, String channelId, long routing) {
            this.json = json;
            this.token = token;
            this.type = type;
            this.channelId = channelId;
            this.routing = routing;
        }
    }

    private static final String ID_STAND_IN = "interaction-id-given-when-pushed";

    Prepared prepare(ObjectNode payload) {
        payload.put("id", ID_STAND_IN);
        String guildId = payload.path("guild_id").asText(null);
        try {
            return new Prepared(
                    json.writeValueAsString(payload),
                    payload.path("token").asText(),
                    payload.path("type").asInt(),
                    payload.path("channel_id").asText(),
                    guildId == null ? 0 : Long.parseUnsignedLong(guildId) >>> 22);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pushes a prepared interaction through the gateway, created now. */
    public Sent push(Prepared prepared) {
        String id = snowflake();
        Sent sent = new Sent(id, prepared.token, prepared.type, prepared.channelId);
        InteractionState state = new InteractionState(sent, clock.instant(), null);
        interactions.put(id, state);
        byToken.put(sent.token(), state);
        String payload = prepared.json.replace(ID_STAND_IN, id);
        if (gateway.dispatchJsonToShardOf(prepared.routing, "INTERACTION_CREATE", payload) == 0) {
            throw new IllegalStateException("no bot session on the fake gateway serves this interaction's shard");
        }
        return sent;
    }

    Sent push(ObjectNode payload, String componentMessageId) {
        Sent sent = new Sent(
                payload.path("id").asText(),
                payload.path("token").asText(),
                payload.path("type").asInt(),
                payload.path("channel_id").asText());
        InteractionState state = new InteractionState(sent, clock.instant(), componentMessageId);
        interactions.put(sent.id(), state);
        byToken.put(sent.token(), state);
        // Discord sends a server's interactions on the shard that owns the server, DMs on shard 0
        String guildId = payload.path("guild_id").asText(null);
        long routing = guildId == null ? 0 : Long.parseUnsignedLong(guildId) >>> 22;
        if (gateway.dispatchToShardOf(routing, "INTERACTION_CREATE", payload) == 0) {
            throw new IllegalStateException("no bot session on the fake gateway serves this interaction's shard");
        }
        return sent;
    }

    String snowflake() {
        long millis = clock.millis() - DISCORD_EPOCH;
        return Long.toUnsignedString((millis << 22) | (sequence.incrementAndGet() & 0xFFF));
    }

    ObjectNode userJson(User user) {
        return json.createObjectNode()
                .put("id", user.id())
                .put("username", user.name())
                .put("discriminator", "0")
                .put("global_name", user.name())
                .putNull("avatar")
                .put("public_flags", 0);
    }

    // ---------------------------------------------------------------- REST

    private static final Pattern CALLBACK = Pattern.compile("interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern WEBHOOK = Pattern.compile("webhooks/(\\d+)/([^/]+)");
    private static final Pattern WEBHOOK_MESSAGE = Pattern.compile("webhooks/(\\d+)/([^/]+)/messages/(@original|\\d+)");
    private static final Pattern COMMANDS = Pattern.compile("applications/(\\d+)/commands");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("channels/(\\d+)/messages");
    private static final Pattern CROSSPOST = Pattern.compile("channels/(\\d+)/messages/(\\d+)/crosspost");

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            restClients.add(exchange.getRemoteAddress());
            String method = exchange.getRequestMethod();
            String fullPath = exchange.getRequestURI().getRawPath();
            String query =
                    Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h : List.of("Authorization", "User-Agent", "Content-Type", "X-Audit-Log-Reason")) {
                String v = exchange.getRequestHeaders().getFirst(h);
                if (v != null) headers.put(h, v);
            }
            Instant arrived = clock.instant();
            byte[] raw = readAll(exchange.getRequestBody());
            FakeAttachments.Body parsed = attachments.parse(raw, headers.getOrDefault("Content-Type", ""));
            JsonNode body = parsed.json();
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            Answer answer;
            String path;
            if (!fullPath.startsWith("/api/v10/")) {
                path = fullPath;
                answer = error(404, 0, "404: Not Found");
            } else {
                path = fullPath.substring("/api/v10/".length());
                noteCallbackArrival(method, path, arrived);
                answer = route(method, path, query, headers, parsed, responseHeaders);
            }
            calls.add(new RecordedCall(clock.instant(), method, path, query, headers, body, answer.status()));
            responseHeaders.put("Via", "1.1 google");
            responseHeaders.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (answer.body() == null) {
                exchange.sendResponseHeaders(answer.status(), -1);
            } else {
                byte[] bytes = json.writeValueAsBytes(answer.body());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private void noteCallbackArrival(String method, String path, Instant arrived) {
        Matcher m = CALLBACK.matcher(path);
        if (!method.equals("POST") || !m.matches()) return;
        InteractionState s = interactions.get(m.group(1));
        if (s != null && s.callbackArrivedAt == null) s.callbackArrivedAt = arrived;
    }

    private Answer route(
            String method,
            String path,
            String query,
            Map<String, String> headers,
            FakeAttachments.Body parsed,
            Map<String, String> responseHeaders) {
        JsonNode body = parsed.json();
        List<FakeAttachments.Upload> files = parsed.files();
        boolean interactionRoute = path.startsWith("interactions/") || path.startsWith("webhooks/");
        if (!interactionRoute && !("Bot " + TOKEN).equals(headers.get("Authorization"))) {
            return error(401, 0, "401: Unauthorized");
        }
        if (!headers.getOrDefault("User-Agent", "").startsWith("DiscordBot")) {
            return error(400, 0, "A User-Agent of the form 'DiscordBot ($url, $version)' is required");
        }
        Optional<Answer> limited = rateLimit(method, path, responseHeaders);
        if (limited.isPresent()) return limited.get();
        for (Refusal r : refusals) {
            RecordedCall probe =
                    new RecordedCall(clock.instant(), method, path, "", Map.of(), MissingNode.getInstance(), 0);
            if (probe.is(r.method(), r.pathPattern()) && refusals.remove(r)) return r.answer();
        }
        Optional<String> tooLarge = FakeAttachments.refusal(files);
        if (tooLarge.isPresent()) return error(413, 40005, tooLarge.get());
        Matcher m;
        if (method.equals("GET") && path.equals("users/@me")) return ok(selfUser);
        if (method.equals("GET") && (path.equals("gateway/bot") || path.equals("gateway"))) {
            ObjectNode g = json.createObjectNode().put("url", gatewayUrl()).put("shards", 1);
            g.putObject("session_start_limit")
                    .put("total", 1000)
                    .put("remaining", 999)
                    .put("reset_after", 86_400_000)
                    // as Discord gives large bots: shards of different buckets (id % 16) may IDENTIFY at once
                    .put("max_concurrency", 16);
            return ok(g);
        }
        if ((m = COMMANDS.matcher(path)).matches()) {
            if (!m.group(1).equals(APPLICATION_ID)) return error(403, 50001, "Missing Access");
            if (method.equals("GET")) return ok(commands());
            if (method.equals("PUT")) return putCommands(body);
        }
        if (method.equals("POST") && (m = CALLBACK.matcher(path)).matches()) {
            return callback(m.group(1), m.group(2), query, body, files);
        }
        if ((m = WEBHOOK_MESSAGE.matcher(path)).matches()) {
            return webhookMessage(method, m.group(1), m.group(2), m.group(3), body, files);
        }
        if (method.equals("POST") && (m = WEBHOOK.matcher(path)).matches()) {
            return followUp(m.group(1), m.group(2), body, files);
        }
        if (method.equals("POST") && (m = CROSSPOST.matcher(path)).matches()) {
            return crosspost(m.group(1), m.group(2), responseHeaders);
        }
        if (method.equals("POST") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
            return channelMessage(m.group(1), body, files);
        }
        return error(404, 0, "404: Not Found");
    }

    private Optional<Answer> rateLimit(String method, String path, Map<String, String> responseHeaders) {
        Instant now = clock.instant();
        String template = template(method, path);
        String major = major(path);
        for (Injected inj : injected) {
            RecordedCall probe = new RecordedCall(now, method, path, "", Map.of(), MissingNode.getInstance(), 0);
            if (probe.is(inj.method(), inj.pathPattern()) && injected.remove(inj)) {
                return Optional.of(tooMany(inj.retryAfter(), inj.global(), template, responseHeaders));
            }
        }
        if (now.isBefore(globalBlockedUntil)) {
            return Optional.of(tooMany(Duration.between(now, globalBlockedUntil), true, template, responseHeaders));
        }
        int limit = bucketLimits.getOrDefault(template, 50);
        Duration window = limit == 50 ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
        String hash = Integer.toHexString(template.hashCode());
        Bucket bucket = buckets.computeIfAbsent(template + "|" + major, k -> new Bucket(hash, limit, window, now));
        synchronized (bucket) {
            if (!now.isBefore(bucket.resetAt)) {
                bucket.remaining = bucket.limit;
                bucket.resetAt = now.plus(bucket.window);
            }
            Duration resetAfter = Duration.between(now, bucket.resetAt);
            if (bucket.remaining == 0) {
                return Optional.of(tooMany(resetAfter, false, template, responseHeaders));
            }
            bucket.remaining--;
            responseHeaders.put("X-RateLimit-Limit", Integer.toString(bucket.limit));
            responseHeaders.put("X-RateLimit-Remaining", Integer.toString(bucket.remaining));
            responseHeaders.put("X-RateLimit-Reset", seconds(Duration.ofMillis(bucket.resetAt.toEpochMilli())));
            responseHeaders.put("X-RateLimit-Reset-After", seconds(resetAfter));
            responseHeaders.put("X-RateLimit-Bucket", bucket.hash);
        }
        return Optional.empty();
    }

    private Answer tooMany(Duration retryAfter, boolean global, String template, Map<String, String> responseHeaders) {
        if (global) globalBlockedUntil = clock.instant().plus(retryAfter);
        responseHeaders.put("Retry-After", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        if (global) {
            responseHeaders.put("X-RateLimit-Global", "true");
            responseHeaders.put("X-RateLimit-Scope", "global");
        } else {
            responseHeaders.put("X-RateLimit-Limit", Integer.toString(bucketLimits.getOrDefault(template, 50)));
            responseHeaders.put("X-RateLimit-Remaining", "0");
            responseHeaders.put("X-RateLimit-Reset-After", seconds(retryAfter));
            responseHeaders.put(
                    "X-RateLimit-Reset", seconds(Duration.ofMillis(clock.millis() + retryAfter.toMillis())));
            responseHeaders.put("X-RateLimit-Bucket", Integer.toHexString(template.hashCode()));
            responseHeaders.put("X-RateLimit-Scope", "user");
        }
        ObjectNode body = json.createObjectNode()
                .put("message", "You are being rate limited.")
                .put("retry_after", retryAfter.toMillis() / 1000.0)
                .put("global", global);
        if (!global) body.put("code", 0);
        return new Answer(429, body);
    }

    /** Seconds with three decimals, as Discord writes them ("1.250"). */
    private static String seconds(Duration d) {
        long millis = d.toMillis();
        long abs = Math.abs(millis);
        long fraction = abs % 1000;
        return (millis < 0 ? "-" : "") + abs / 1000 + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "")
                + fraction;
    }

    private static String template(String method, String path) {
        String[] parts = path.split("/");
        StringBuilder out = new StringBuilder(method).append(' ');
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) out.append('/');
            boolean variable = digits(parts[i])
                    || (i == 2 && parts[0].equals("webhooks"))
                    || (i == 2 && parts[0].equals("interactions"));
            out.append(variable ? "*" : parts[i]);
        }
        return out.toString();
    }

    private static boolean digits(String segment) {
        if (segment.isEmpty()) return false;
        for (int i = 0; i < segment.length(); i++) if (segment.charAt(i) < '0' || segment.charAt(i) > '9') return false;
        return true;
    }

    private static String major(String path) {
        String[] parts = path.split("/");
        if (parts.length > 1 && (parts[0].equals("channels") || parts[0].equals("guilds"))) return parts[1];
        if (parts.length > 2 && (parts[0].equals("webhooks") || parts[0].equals("interactions"))) {
            return parts[1] + "/" + parts[2];
        }
        return "";
    }

    private Answer putCommands(JsonNode body) {
        Map<String, String> problems = DiscordRules.commands(body);
        if (!problems.isEmpty()) return invalidForm(problems);
        ArrayNode stored = json.createArrayNode();
        Map<String, String> oldIds = new LinkedHashMap<>();
        if (commands != null)
            commands.forEach(
                    c -> oldIds.put(c.path("name").asText(), c.path("id").asText()));
        for (JsonNode c : body) {
            ObjectNode s = ((ObjectNode) c).deepCopy();
            s.put("id", oldIds.getOrDefault(c.path("name").asText(), snowflake()));
            s.put("application_id", APPLICATION_ID);
            s.put("version", snowflake());
            if (!s.has("type")) s.put("type", 1);
            if (!s.has("default_member_permissions")) s.putNull("default_member_permissions");
            if (!s.has("nsfw")) s.put("nsfw", false);
            if (!s.has("contexts")) s.putNull("contexts");
            if (!s.has("integration_types")) s.putArray("integration_types").add(0);
            stored.add(s);
        }
        commands = stored;
        return ok(stored);
    }

    private Answer callback(String id, String token, String query, JsonNode body, List<FakeAttachments.Upload> files) {
        InteractionState s = interactions.get(id);
        if (s == null || !s.sent.token().equals(token)) return error(404, 10062, "Unknown interaction");
        synchronized (s) {
            if (s.ackType != 0) return error(400, 40060, "Interaction has already been acknowledged.");
            if (Duration.between(s.createdAt, clock.instant()).compareTo(ACK_DEADLINE) > 0) {
                return error(404, 10062, "Unknown interaction");
            }
            int type = body.path("type").asInt();
            JsonNode data = body.path("data");
            ObjectNode resource = json.createObjectNode().put("type", type);
            switch (type) {
                case 4, 5 -> {
                    if (s.sent.type() == 4)
                        return error(400, 50035, "Invalid interaction response type for autocomplete");
                    if (type == 4) {
                        Map<String, String> problems = DiscordRules.message(data, false);
                        if (!problems.isEmpty()) return invalidForm(problems);
                    }
                    int flags = data.path("flags").asInt() & FakeMessage.EPHEMERAL;
                    if (type == 5) flags |= FakeMessage.LOADING;
                    FakeMessage created =
                            create(s.sent.channelId(), type == 4 ? data : json.createObjectNode(), files, flags, 20);
                    s.originalMessageId = created.id();
                    resource.set("message", created.json());
                }
                case 6, 7 -> {
                    if (s.componentMessageId == null) {
                        return error(400, 50035, "Invalid Form Body: update types need a component interaction");
                    }
                    s.originalMessageId = s.componentMessageId;
                    if (type == 7) {
                        Map<String, String> problems = DiscordRules.message(data, true);
                        if (!problems.isEmpty()) return invalidForm(problems);
                        resource.set(
                                "message",
                                edit(s.componentMessageId, data, files).json());
                    }
                }
                case 8 -> {
                    if (s.sent.type() != 4) return error(400, 50035, "Autocomplete result for a non-autocomplete");
                    Map<String, String> problems = DiscordRules.choices(body);
                    if (!problems.isEmpty()) return invalidForm(problems);
                    s.choices = data.path("choices").deepCopy();
                }
                default -> {
                    return error(400, 50035, "Invalid interaction response type " + type);
                }
            }
            s.ackType = type;
            s.acknowledgedAt = clock.instant();
            if (!query.contains("with_response=true")) return new Answer(204, null);
            ObjectNode answer = json.createObjectNode();
            answer.putObject("interaction")
                    .put("id", id)
                    .put("type", s.sent.type())
                    .put("response_message_id", s.originalMessageId)
                    .put("response_message_loading", type == 5)
                    .put("response_message_ephemeral", (data.path("flags").asInt() & FakeMessage.EPHEMERAL) != 0);
            answer.set("resource", resource);
            return ok(answer);
        }
    }

    private Answer webhookMessage(
            String method,
            String app,
            String token,
            String messageId,
            JsonNode body,
            List<FakeAttachments.Upload> files) {
        InteractionState s = byToken.get(token);
        if (!app.equals(APPLICATION_ID) || s == null) return error(404, 10015, "Unknown Webhook");
        String id = messageId.equals("@original") ? s.originalMessageId : messageId;
        if (s.ackType == 0 || id == null || !messages.containsKey(id)) return error(404, 10008, "Unknown Message");
        switch (method) {
            case "GET":
                return ok(messages.get(id).json());
            case "PATCH": {
                Map<String, String> problems = DiscordRules.message(body, true);
                if (!problems.isEmpty()) return invalidForm(problems);
                return ok(edit(id, body, files).json());
            }
            case "DELETE":
                FakeMessage old = messages.get(id);
                messages.put(id, new FakeMessage(old.json(), old.version() + 1, true));
                return new Answer(204, null);
            default:
                return error(405, 0, "405: Method Not Allowed");
        }
    }

    private Answer followUp(String app, String token, JsonNode body, List<FakeAttachments.Upload> files) {
        InteractionState s = byToken.get(token);
        if (!app.equals(APPLICATION_ID) || s == null) return error(404, 10015, "Unknown Webhook");
        if (s.ackType == 0) return error(404, 10015, "Unknown Webhook");
        Map<String, String> problems = DiscordRules.message(body, false);
        if (!problems.isEmpty()) return invalidForm(problems);
        FakeMessage created =
                create(s.sent.channelId(), body, files, body.path("flags").asInt() & FakeMessage.EPHEMERAL, 0);
        s.followUps.add(created.id());
        return ok(created.json());
    }

    private Answer channelMessage(String channelId, JsonNode body, List<FakeAttachments.Upload> files) {
        ChannelFault fault = channelFaults.get(channelId);
        if (fault == ChannelFault.UNKNOWN_CHANNEL) return error(404, 10003, "Unknown Channel");
        if (fault == ChannelFault.MISSING_ACCESS) return error(403, 50001, "Missing Access");
        if (fault == ChannelFault.MISSING_PERMISSIONS) return error(403, 50013, "Missing Permissions");
        Map<String, String> problems = DiscordRules.message(body, false);
        if (!problems.isEmpty()) return invalidForm(problems);
        return ok(create(channelId, body, files, 0, 0).json());
    }

    /**
     * Publishes a message of an announcement channel to the servers following it, as Discord does: only in a type 5
     * channel, once a message, at most 10 an hour a channel, whoever published them (then 429 with the wait until the
     * oldest is an hour old in the body's {@code retry_after} only),
     * and only with Send Messages there (the bot's own messages).
     */
    private Answer crosspost(String channelId, String messageId, Map<String, String> responseHeaders) {
        Channel channel = channels.get(channelId);
        if (channel == null || channelFaults.get(channelId) == ChannelFault.UNKNOWN_CHANNEL) {
            return error(404, 10003, "Unknown Channel");
        }
        if (channelFaults.containsKey(channelId)) return error(403, 50013, "Missing Permissions");
        if (channel.type() != 5) return error(400, 50024, "Cannot execute action on this channel type");
        synchronized (messages) {
            FakeMessage m = messages.get(messageId);
            if (m == null || !m.channelId().equals(channelId)) return error(404, 10008, "Unknown Message");
            if ((m.flags() & FakeMessage.CROSSPOSTED) != 0) {
                return error(400, 40033, "This message has already been crossposted.");
            }
            Instant now = clock.instant();
            List<Instant> times = crossposts.computeIfAbsent(channelId, k -> new ArrayList<>());
            times.removeIf(t -> !t.plus(Duration.ofHours(1)).isAfter(now));
            if (times.size() >= 10) {
                // Discord's shape for this limit: the wait is only in the body; the headers are the route bucket's,
                // scope "shared", with a Retry-After of one second (discord-net/Discord.Net#2100,
                // discord/discord-api-docs#6109)
                Duration wait = Duration.between(now, times.get(0).plus(Duration.ofHours(1)));
                responseHeaders.put("Retry-After", "1");
                responseHeaders.put("X-RateLimit-Scope", "shared");
                return new Answer(
                        429,
                        json.createObjectNode()
                                .put("message", "You are being rate limited.")
                                .put("retry_after", wait.toMillis() / 1000.0)
                                .put("global", false));
            }
            times.add(now);
            ObjectNode published = m.json().deepCopy();
            published.put("flags", m.flags() | FakeMessage.CROSSPOSTED);
            FakeMessage after = new FakeMessage(published, m.version() + 1, m.deleted());
            messages.put(messageId, after);
            return ok(after.json());
        }
    }

    private FakeMessage create(String channelId, JsonNode data, int flags, int type) {
        return create(channelId, data, List.of(), flags, type);
    }

    private FakeMessage create(
            String channelId, JsonNode data, List<FakeAttachments.Upload> files, int flags, int type) {
        String id = snowflake();
        ObjectNode m = json.createObjectNode();
        m.put("id", id);
        m.put("type", type);
        m.put("channel_id", channelId);
        m.set("author", selfUser.deepCopy());
        m.put("content", data.path("content").asText(""));
        m.put("timestamp", clock.instant().toString());
        m.putNull("edited_timestamp");
        m.put("tts", false);
        m.put("mention_everyone", false);
        m.putArray("mentions");
        m.putArray("mention_roles");
        ArrayNode attached = attachments.attachments(channelId, data, files, json.createArrayNode(), this::snowflake);
        m.set("attachments", attached);
        ArrayNode embeds = embeds(data.path("embeds"));
        FakeAttachments.resolveImages(embeds, attached);
        m.set("embeds", embeds);
        m.set("components", components(data.path("components")));
        if (data.has("message_reference")) {
            m.putObject("message_reference")
                    .put("type", 0)
                    .put(
                            "message_id",
                            data.path("message_reference").path("message_id").asText())
                    .put("channel_id", channelId);
        }
        m.put("pinned", false);
        m.put("flags", flags);
        m.put("application_id", APPLICATION_ID);
        if (type == 20) m.put("webhook_id", APPLICATION_ID);
        FakeMessage message = new FakeMessage(m, 1, false);
        messages.put(id, message);
        messageOrder.add(id);
        return message;
    }

    private FakeMessage edit(String id, JsonNode data, List<FakeAttachments.Upload> files) {
        synchronized (messages) {
            FakeMessage old = messages.get(id);
            ObjectNode m = old.json().deepCopy();
            if (data.has("content")) m.put("content", data.path("content").asText(""));
            ArrayNode attached = attachments.attachments(
                    old.channelId(), data, files, old.json().path("attachments"), this::snowflake);
            m.set("attachments", attached);
            if (data.has("embeds")) m.set("embeds", embeds(data.get("embeds")));
            FakeAttachments.resolveImages((ArrayNode) m.path("embeds"), attached);
            if (data.has("components")) m.set("components", components(data.get("components")));
            m.put("flags", old.flags() & ~FakeMessage.LOADING);
            m.put("edited_timestamp", clock.instant().toString());
            FakeMessage edited = new FakeMessage(m, old.version() + 1, false);
            messages.put(id, edited);
            return edited;
        }
    }

    /** Embeds as Discord echoes them back: every embed a bot sends is of type rich. */
    private ArrayNode embeds(JsonNode embeds) {
        ArrayNode out = json.createArrayNode();
        for (JsonNode e : embeds) {
            ObjectNode copy = ((ObjectNode) e).deepCopy();
            if (!copy.has("type")) copy.put("type", "rich");
            out.add(copy);
        }
        return out;
    }

    /** Components as Discord echoes them back, with the numeric ids it assigns. */
    private ArrayNode components(JsonNode rows) {
        ArrayNode out = json.createArrayNode();
        int next = 1;
        for (JsonNode row : rows) {
            ObjectNode r = ((ObjectNode) row).deepCopy();
            if (!r.has("id")) r.put("id", next);
            next++;
            ArrayNode buttons = r.putArray("components");
            for (JsonNode b : row.path("components")) {
                ObjectNode c = ((ObjectNode) b).deepCopy();
                if (!c.has("id")) c.put("id", next);
                next++;
                buttons.add(c);
            }
            out.add(r);
        }
        return out;
    }

    private Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    private Answer error(int status, int code, String message) {
        return new Answer(
                status, json.createObjectNode().put("message", message).put("code", code));
    }

    private Answer invalidForm(Map<String, String> problems) {
        ObjectNode body =
                json.createObjectNode().put("message", "Invalid Form Body").put("code", 50035);
        ObjectNode errors = body.putObject("errors");
        problems.forEach((path, message) -> errors.putObject(path)
                .putArray("_errors")
                .addObject()
                .put("code", "BASE_TYPE_INVALID")
                .put("message", message));
        return new Answer(400, body);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    /** Waits until the bot has identified on the gateway and registered its commands. */
    public void awaitBotReady() {
        awaitBotReady(Duration.ofSeconds(10));
    }

    /** Waits at most this long until the bot has identified on the gateway and registered its commands. */
    public void awaitBotReady(Duration atMost) {
        await("the bot to connect and register its commands")
                .atMost(atMost)
                .until(() -> botConnected() && commands != null);
    }

    /** The interactions pushed so far that have not been acknowledged. */
    public Collection<Sent> unacknowledged() {
        return interactions.values().stream()
                .filter(s -> s.ackType == 0)
                .map(s -> s.sent)
                .toList();
    }

    /** Filters the recorded calls. */
    public List<RecordedCall> calls(Predicate<RecordedCall> filter) {
        return calls().stream().filter(filter).toList();
    }
}
