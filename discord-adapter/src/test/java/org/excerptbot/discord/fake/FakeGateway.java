package org.excerptbot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The gateway half of the fake Discord, on 127.0.0.1: plain JSON text frames (no compression). It sends HELLO on
 * connect, checks IDENTIFY (token, intents), answers with READY (no guilds), acknowledges heartbeats, answers a
 * RESUME with RESUMED, and pushes the dispatches a test asks for to every identified session.
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
    private volatile Exception failure;

    private static final class Session {
        final AtomicInteger sequence = new AtomicInteger();
        volatile boolean identified;
        volatile String id;
    }

    FakeGateway(ObjectMapper json, String token, ObjectNode selfUser, String applicationId) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.json = json;
        this.token = token;
        this.selfUser = selfUser;
        this.applicationId = applicationId;
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

    /** Sends a dispatch (op 0) to every identified session; returns how many received it. */
    int dispatch(String type, JsonNode data) {
        int sent = 0;
        for (Map.Entry<WebSocket, Session> e : sessions.entrySet()) {
            if (!e.getValue().identified || !e.getKey().isOpen()) continue;
            send(
                    e.getKey(),
                    op(0, data).put("t", type).put("s", e.getValue().sequence.incrementAndGet()));
            sent++;
        }
        return sent;
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
        session.identified = true;
        session.id = "session-" + connections.get();
        ObjectNode ready = json.createObjectNode();
        ready.put("v", 10);
        ready.set("user", selfUser);
        ready.putArray("guilds");
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
        ready.putArray("shard").add(0).add(1);
        send(conn, op(0, ready).put("t", "READY").put("s", session.sequence.incrementAndGet()));
    }

    private void resume(WebSocket conn, Session session, JsonNode d) {
        if (!token.equals(d.path("token").asText())) {
            conn.close(4004, "Authentication failed");
            return;
        }
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
