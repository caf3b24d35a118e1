package org.excerptbot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The gateway half of the fake Discord, on 127.0.0.1: plain JSON text frames (no compression). It sends HELLO on
 * connect, checks IDENTIFY (token, intents, {@code shard: [id, total]}), answers with READY listing the shard's
 * servers as unavailable and then a GUILD_CREATE for each, acknowledges heartbeats, answers a RESUME with RESUMED,
 * and pushes each dispatch to the session of the shard that owns it ({@code (guild_id >> 22) % total}). Every shard
 * is a separate websocket connection, as on Discord.
 */
final class FakeGateway extends WebSocketServer {
    static final int HEARTBEAT_INTERVAL_MS = 41_250;

    private final ObjectMapper json;
    private final String token;
    private final ObjectNode selfUser;
    private final String applicationId;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Map<WebSocket, Session> sessions = new ConcurrentHashMap<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final Map<String, Session> resumable = new ConcurrentHashMap<>();
    private final BiFunction<Integer, Integer, List<GuildAnnouncement>> guildsOfShard;
    private final Set<Integer> refusedShards = ConcurrentHashMap.newKeySet();
    private volatile Exception failure;

    /** A server a shard's READY lists (as unavailable) and its GUILD_CREATE payload. */
    record GuildAnnouncement(String id, ObjectNode guildCreate) {}

    private static final class Session {
        final AtomicInteger sequence = new AtomicInteger();
        volatile boolean identified;
        volatile String id;
        volatile int shard;
        volatile int total = 1;
        volatile int intents;

        boolean owns(long routingKey) {
            return routingKey % total == shard;
        }
    }

    /** @param guildsOfShard the servers of shard {@code id} of {@code total}, for READY and GUILD_CREATE */
    FakeGateway(
            ObjectMapper json,
            String token,
            ObjectNode selfUser,
            String applicationId,
            BiFunction<Integer, Integer, List<GuildAnnouncement>> guildsOfShard) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.json = json;
        this.token = token;
        this.selfUser = selfUser;
        this.applicationId = applicationId;
        this.guildsOfShard = guildsOfShard;
        setReuseAddr(true);
        setDaemon(true);
    }

    void startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("gateway did not start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure != null) throw new IllegalStateException("gateway failed to start", failure);
    }

    /** The payloads clients sent (IDENTIFY, heartbeats, ...), in order. */
    List<JsonNode> received() {
        return List.copyOf(received);
    }

    int connections() {
        return connections.get();
    }

    boolean hasIdentifiedSession() {
        return sessions.values().stream().anyMatch(s -> s.identified);
    }

    /** The shards with an identified session, as "id/total". */
    Set<String> identifiedShards() {
        Set<String> out = new TreeSet<>();
        sessions.values().stream().filter(s -> s.identified).forEach(s -> out.add(s.shard + "/" + s.total));
        return out;
    }

    /**
     * Sends a dispatch (op 0) to the identified sessions of the shard owning {@code routingKey} (a guild id shifted
     * right by 22; 0 for DMs); returns how many received it.
     */
    int dispatchToShardOf(long routingKey, String type, JsonNode data) {
        int sent = 0;
        for (Map.Entry<WebSocket, Session> e : sessions.entrySet()) {
            Session s = e.getValue();
            if (!s.identified || !e.getKey().isOpen() || !s.owns(routingKey)) continue;
            send(e.getKey(), op(0, data).put("t", type).put("s", s.sequence.incrementAndGet()));
            sent++;
        }
        return sent;
    }

    static final int GUILD_MESSAGES = 1 << 9;
    static final int MESSAGE_CONTENT = 1 << 15;

    /**
     * A MESSAGE_CREATE in a server, as Discord sends it: only to sessions that asked for GUILD_MESSAGES, and to those
     * without MESSAGE_CONTENT without the content, unless the message mentions the bot. Returns how many received it.
     */
    int dispatchGuildMessage(long routingKey, ObjectNode message, boolean mentionsBot) {
        ObjectNode withoutContent = message.deepCopy();
        withoutContent.put("content", "");
        withoutContent.putArray("embeds");
        withoutContent.putArray("attachments");
        withoutContent.putArray("components");
        int sent = 0;
        for (Map.Entry<WebSocket, Session> e : sessions.entrySet()) {
            Session s = e.getValue();
            if (!s.identified || !e.getKey().isOpen() || !s.owns(routingKey)) continue;
            if ((s.intents & GUILD_MESSAGES) == 0) continue;
            boolean content = mentionsBot || (s.intents & MESSAGE_CONTENT) != 0;
            send(
                    e.getKey(),
                    op(0, content ? message : withoutContent)
                            .put("t", "MESSAGE_CREATE")
                            .put("s", s.sequence.incrementAndGet()));
            sent++;
        }
        return sent;
    }

    /** As {@link #dispatchToShardOf}, with {@code data} already written as JSON. */
    int dispatchJsonToShardOf(long routingKey, String type, String data) {
        int sent = 0;
        for (Map.Entry<WebSocket, Session> e : sessions.entrySet()) {
            Session s = e.getValue();
            if (!s.identified || !e.getKey().isOpen() || !s.owns(routingKey)) continue;
            e.getKey()
                    .send("{\"op\":0,\"d\":" + data + ",\"s\":" + s.sequence.incrementAndGet() + ",\"t\":\"" + type
                            + "\"}");
            sent++;
        }
        return sent;
    }

    /** The bot joined a server: GUILD_CREATE to the session of its shard, if connected. */
    void guildCreated(long routingKey, ObjectNode guildCreate) {
        dispatchToShardOf(routingKey, "GUILD_CREATE", guildCreate);
    }

    /**
     * Closes the shard's connection and refuses it until {@link #acceptShard}: its sessions end with 4000 and every
     * new IDENTIFY or RESUME for it is closed with 4000 too, so the client keeps reconnecting.
     */
    void refuseShard(int shard) {
        refusedShards.add(shard);
        sessions.forEach((socket, s) -> {
            if (s.identified && s.shard == shard) socket.close(4000, "Unknown error");
        });
    }

    void acceptShard(int shard) {
        refusedShards.remove(shard);
    }

    private ObjectNode op(int op, JsonNode d) {
        ObjectNode payload = json.createObjectNode();
        payload.put("op", op);
        payload.set("d", d);
        payload.putNull("s");
        payload.putNull("t");
        return payload;
    }

    private void send(WebSocket socket, ObjectNode payload) {
        try {
            socket.send(json.writeValueAsString(payload));
        } catch (Exception e) {
            throw new IllegalStateException("could not send a gateway payload", e);
        }
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        connections.incrementAndGet();
        String resource = handshake.getResourceDescriptor();
        if (!resource.contains("encoding=json") || resource.contains("compress=")) {
            // Discord would send compressed or ETF frames here; this fake speaks plain JSON only
            conn.close(4002, "Decode error: this fake gateway speaks uncompressed JSON only");
            return;
        }
        sessions.put(conn, new Session());
        ObjectNode hello = json.createObjectNode();
        hello.put("heartbeat_interval", HEARTBEAT_INTERVAL_MS);
        send(conn, op(10, hello));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode payload;
        try {
            payload = json.readTree(message);
        } catch (Exception e) {
            conn.close(4002, "Decode error");
            return;
        }
        received.add(payload);
        Session session = sessions.get(conn);
        if (session == null) return;
        switch (payload.path("op").asInt(-1)) {
            case 1 -> send(conn, op(11, null));
            case 2 -> identify(conn, session, payload.path("d"));
            case 6 -> resume(conn, session, payload.path("d"));
            case 3, 4, 8 -> {
                // presence, voice state, request guild members: accepted, nothing to answer
            }
            default -> conn.close(4001, "Unknown opcode");
        }
    }

    private void identify(WebSocket conn, Session session, JsonNode d) {
        if (session.identified) {
            conn.close(4005, "Already authenticated");
            return;
        }
        if (!token.equals(d.path("token").asText())) {
            conn.close(4004, "Authentication failed");
            return;
        }
        if (!d.path("intents").canConvertToInt()) {
            conn.close(4013, "Invalid intent(s)");
            return;
        }
        int intents = d.path("intents").asInt();
        int privileged = (1 << 1) | (1 << 8) | (1 << 15);
        if ((intents & privileged) != 0) {
            conn.close(4014, "Disallowed intent(s)");
            return;
        }
        JsonNode shard = d.path("shard");
        int shardId = shard.isArray() ? shard.path(0).asInt(-1) : 0;
        int total = shard.isArray() ? shard.path(1).asInt(0) : 1;
        if (shard.isArray() && (shard.size() != 2 || total < 1 || shardId < 0 || shardId >= total)) {
            conn.close(4010, "Invalid shard");
            return;
        }
        if (refusedShards.contains(shardId)) {
            conn.close(4000, "Unknown error");
            return;
        }
        session.shard = shardId;
        session.total = total;
        session.intents = intents;
        List<GuildAnnouncement> guilds = guildsOfShard.apply(shardId, total);
        session.identified = true;
        session.id = "session-" + sessionIds.incrementAndGet();
        resumable.put(session.id, session);
        ObjectNode ready = json.createObjectNode();
        ready.put("v", 10);
        ready.set("user", selfUser);
        ArrayNode unavailable = ready.putArray("guilds");
        guilds.forEach(g -> unavailable.addObject().put("id", g.id()).put("unavailable", true));
        ready.putArray("private_channels");
        ready.putArray("presences");
        ready.putArray("relationships");
        ready.putArray("guild_join_requests");
        ready.putArray("geo_ordered_rtc_regions");
        ready.put("session_id", session.id);
        ready.put("session_type", "normal");
        ready.put("resume_gateway_url", "ws://127.0.0.1:" + getPort());
        ready.putObject("application").put("id", applicationId).put("flags", 0);
        ready.putObject("user_settings");
        ready.putArray("shard").add(shardId).add(total);
        send(conn, op(0, ready).put("t", "READY").put("s", session.sequence.incrementAndGet()));
        for (GuildAnnouncement g : guilds) {
            send(conn, op(0, g.guildCreate()).put("t", "GUILD_CREATE").put("s", session.sequence.incrementAndGet()));
        }
    }

    private void resume(WebSocket conn, Session session, JsonNode d) {
        if (!token.equals(d.path("token").asText())) {
            conn.close(4004, "Authentication failed");
            return;
        }
        Session resumed = resumable.get(d.path("session_id").asText());
        if (resumed == null) {
            send(conn, op(9, json.getNodeFactory().booleanNode(false)));
            return;
        }
        if (refusedShards.contains(resumed.shard)) {
            conn.close(4000, "Unknown error");
            return;
        }
        session.shard = resumed.shard;
        session.total = resumed.total;
        session.intents = resumed.intents;
        session.identified = true;
        session.id = d.path("session_id").asText();
        send(conn, op(0, json.createObjectNode()).put("t", "RESUMED").put("s", session.sequence.incrementAndGet()));
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        sessions.remove(conn);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            failure = ex;
            started.countDown();
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
