package org.excerptbot.telegram.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.excerptbot.telegram.fake.FakeBotApi;
import org.excerptbot.telegram.fake.TelegramHtml;

/**
 * The platform side of the fan-out benchmark ({@code bench/delivery-fanout.sh}), in its own JVM: a Bot API server
 * for {@code chats} private chats that enforces Telegram's flood control at {@code rate} messages per sliding
 * second, as strictly as {@link FakeBotApi#limitSendRate}: a {@code sendMessage} is accepted only while fewer than
 * {@code rate} were accepted within the last second, otherwise 429 {@code Too Many Requests: retry after 1} with
 * {@code parameters.retry_after}. It checks each message as the Bot API does (HTML entities, length, known chat)
 * and answers with the full {@code Message} (sender, chat, date, visible text, entities, keyboard), so the bot
 * parses what Telegram would send it.
 *
 * <p>{@code sendMessage}, the benchmark's whole load, is served here by a small HTTP/1.1 server (keep-alive, a
 * thread per connection), because Telegram's servers do not share the bot's CPU and the JDK's {@code HttpServer}
 * behind {@link FakeBotApi} costs about a millisecond of CPU per request on the same two cores. Every other method
 * (the bot's start-up: getMe, setMyCommands, deleteWebhook; its long polling) is passed on to a {@link FakeBotApi}.
 *
 * <p>{@code GET /stats} answers what the users received: the first {@code subscriptions} chats are the timed run's
 * (lost, duplicates, accepted per second, 429s), the rest the warm-up's; {@code GET /mark} starts the CPU count
 * that {@code /stats} reports per post. Prints {@code FAKE api=<url> stats=<url>} once ready.
 *
 * <p>Arguments: {@code subscriptions rate [warm-up chats=0]}.
 */
public final class FanOutFakeApi {
    static final String TOKEN = "7000000001:AAE-fanout_BENCH-token-1234567890xyz";
    static final long FIRST_CHAT = 100_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();
    private static final Pattern PATH = Pattern.compile("/bot([^/?]+)/([A-Za-z]+)");
    private static final long SECOND = 1_000_000_000L;
    private static final int WARM_UP_CONNECTIONS = 8;
    private static final int WARM_UP_REQUESTS = 40_000;
    /** A daily post as the bot sends it (title, excerpt, citation; HTML with an entity and a keyboard). */
    private static final String WARM_UP_POST =
            """
            {"chat_id":"-1","text":"<b>每日摘录 · 2026-11-29</b>\\n\\n互联网是人类的共同家园。让这个家园更美丽、更干净、更安全，\
            是国际社会的共同责任。我们应该深化务实合作，以共进为动力、以共赢为目标，走出一条互信共治之路，\
            让网络空间命运共同体更具生机活力。A &amp; B &lt;C&gt;\\n<i>—— 习近平《在第二届世界互联网大会开幕式上的讲话》，\
            2015-12-16 · 1.14</i>","parse_mode":"HTML","reply_markup":{"inline_keyboard":[[{"text":"阅读全文",\
            "callback_data":"read 1 14"}]]}}""";

    private final int timed;
    private final int chats;
    private final FakeBotApi backend;
    private final HttpClient proxy =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile ThreadCpu mark = ThreadCpu.now();

    // the flood control and what the users saw, guarded by this
    private final long[] window;
    private int windowFirst;
    private int windowSize;
    private final int[] shown;
    private long[] acceptedNanos = new long[1024];
    private int[] acceptedChat = new int[1024];
    private int accepted;
    private long rejectedTimed;
    private long rejectedWarmUp;
    private long otherErrors;

    private FanOutFakeApi(int timed, int warmUp, int rate) throws IOException {
        if (rate < 1) throw new IllegalArgumentException("rate: must be at least 1, was " + rate);
        this.timed = timed;
        this.chats = timed + warmUp;
        this.window = new long[rate];
        this.shown = new int[chats];
        this.backend = FakeBotApi.start(TOKEN);
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int n = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        FanOutFakeApi api = new FanOutFakeApi(n, warmUp, rate);
        Thread acceptor = new Thread(api::acceptLoop, "fanout-fake-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        String base = "http://127.0.0.1:" + api.server.getLocalPort();
        // Telegram's servers are not cold when a slot falls due: the fake warms up, and its JIT settles, first
        long w0 = System.nanoTime();
        api.warmUpSelf(WARM_UP_CONNECTIONS, WARM_UP_REQUESTS);
        double jit = ThreadCpu.awaitQuietJit();
        System.out.printf(
                Locale.ROOT,
                "FAKE-WARMUP the fake warmed up by %d sendMessage requests in %.1f s (JIT compiling for %.1f s of it)%n",
                WARM_UP_REQUESTS,
                (System.nanoTime() - w0) / 1e9,
                jit);
        api.connections.set(0);
        System.out.println("FAKE api=" + base + " stats=" + base + "/stats");
        new CountDownLatch(1).await();
    }

    /**
     * Sends this server {@code requests} sendMessage requests over {@code connections} keep-alive connections, each
     * a post as the bot sends them, to chats below zero: checked and answered like any other, counted nowhere.
     */
    private void warmUpSelf(int connections, int requests) throws InterruptedException {
        byte[] body = WARM_UP_POST.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /bot" + TOKEN + "/sendmessage HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json; charset=UTF-8\r\nContent-Length: " + body.length
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(
                    () -> {
                        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                            s.setTcpNoDelay(true);
                            InputStream in = new BufferedInputStream(s.getInputStream());
                            OutputStream out = s.getOutputStream();
                            for (int i = 0; i < requests / connections; i++) {
                                out.write(head);
                                out.write(body);
                                out.flush();
                                long length = 0;
                                String status = line(in);
                                if (status == null || !status.startsWith("HTTP/1.1 200")) {
                                    throw new IOException("warm-up request answered " + status);
                                }
                                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                                    if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                                        length = Long.parseLong(h.substring(15).trim());
                                    }
                                }
                                in.readNBytes((int) length);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    "fanout-fake-warm-up-" + c);
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) t.join();
    }

    private void acceptLoop() {
        while (true) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "fanout-fake-conn-" + connections.incrementAndGet());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One keep-alive connection: requests answered one after the other. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) return;
                if (requestLine.isEmpty()) continue;
                String contentType = "";
                long length = 0;
                boolean chunked = false;
                boolean close = false;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    if (colon < 0) continue;
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    switch (name) {
                        case "content-type" -> contentType = value;
                        case "content-length" -> length = Long.parseLong(value);
                        case "transfer-encoding" -> chunked =
                                value.toLowerCase(Locale.ROOT).contains("chunked");
                        case "connection" -> close = value.equalsIgnoreCase("close");
                        default -> {}
                    }
                }
                byte[] body = chunked ? chunked(in) : in.readNBytes((int) length);
                String[] parts = requestLine.split(" ");
                if (parts.length < 3) return;
                Answer answer = answer(parts[0], parts[1], contentType, body);
                out.write(("HTTP/1.1 " + answer.status + " " + reason(answer.status)
                                + "\r\nContent-Type: application/json\r\nContent-Length: " + answer.body.length
                                + (close ? "\r\nConnection: close" : "") + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(answer.body);
                out.flush();
                if (close) return;
            }
        } catch (IOException | RuntimeException e) {
            // the client closed the connection (or sent something this server does not speak)
        }
    }

    private record Answer(int status, byte[] body) {}

    private Answer answer(String method, String target, String contentType, byte[] body) throws IOException {
        if (target.equals("/stats")) return new Answer(200, MAPPER.writeValueAsBytes(stats()));
        if (target.equals("/mark")) {
            mark = ThreadCpu.now();
            return new Answer(200, "{}".getBytes(StandardCharsets.UTF_8));
        }
        Matcher m = PATH.matcher(target);
        if (m.lookingAt() && m.group(1).equals(TOKEN) && m.group(2).equalsIgnoreCase("sendMessage")) {
            return sendMessage(contentType, body);
        }
        return passOn(method, target, contentType, body);
    }

    /** Every method but sendMessage goes to the {@link FakeBotApi} behind. */
    private Answer passOn(String method, String target, String contentType, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.url() + target))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (!contentType.isEmpty()) request.header("Content-Type", contentType);
        try {
            HttpResponse<byte[]> r = proxy.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private Answer sendMessage(String contentType, byte[] body) throws IOException {
        if (!contentType.startsWith("application/json")) {
            return error(400, "Bad Request: this fake takes sendMessage as JSON only", null);
        }
        JsonNode p = MAPPER.readTree(body);
        if (!p.hasNonNull("chat_id")) return error(400, "Bad Request: chat_id is empty", null);
        long chatId = p.get("chat_id").asLong();
        long index = chatId - FIRST_CHAT;
        if (chatId < 0) {
            // the fake's own warm-up (warmUpSelf): checked and answered, not counted
            if (!(checked(p) instanceof TelegramHtml.Parsed parsed)) throw new IOException("warm-up post refused");
            return new Answer(200, message(1, chatId, parsed, p.get("reply_markup")));
        }
        Object checked = checked(p);
        int messageId;
        synchronized (this) {
            long now = System.nanoTime();
            while (windowSize > 0 && now - window[windowFirst] >= SECOND) {
                windowFirst = (windowFirst + 1) % window.length;
                windowSize--;
            }
            if (windowSize >= window.length) {
                if (index >= timed) rejectedWarmUp++;
                else rejectedTimed++;
                return error(429, "Too Many Requests: retry after 1", 1);
            }
            if (index < 0 || index >= chats) return error(400, "Bad Request: chat not found", null);
            if (checked instanceof String refusal) return error(400, refusal, null);
            window[(windowFirst + windowSize) % window.length] = now;
            windowSize++;
            messageId = ++shown[(int) index];
            if (accepted == acceptedNanos.length) {
                acceptedNanos = Arrays.copyOf(acceptedNanos, accepted * 2);
                acceptedChat = Arrays.copyOf(acceptedChat, accepted * 2);
            }
            acceptedNanos[accepted] = now;
            acceptedChat[accepted++] = (int) index;
        }
        return new Answer(200, message(messageId, chatId, (TelegramHtml.Parsed) checked, p.get("reply_markup")));
    }

    private static Object checked(JsonNode p) {
        return checkText(p.path("text").asText(""), p.path("parse_mode").asText(""));
    }

    /** The visible text, or why the Bot API refuses it. */
    private static Object checkText(String text, String parseMode) {
        try {
            return TelegramHtml.message(text, parseMode, FakeBotApi.MAX_TEXT);
        } catch (TelegramHtml.Refused e) {
            return e.getMessage();
        }
    }

    /** {@code {"ok":true,"result":Message}} as the Bot API answers a sendMessage. */
    private static byte[] message(int messageId, long chatId, TelegramHtml.Parsed parsed, JsonNode markup)
            throws IOException {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(512 + 2 * parsed.text().length());
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeBooleanField("ok", true);
            g.writeObjectFieldStart("result");
            g.writeNumberField("message_id", messageId);
            g.writeObjectFieldStart("from");
            g.writeNumberField("id", FakeBotApi.BOT_ID);
            g.writeBooleanField("is_bot", true);
            g.writeStringField("first_name", "Excerpt Bot");
            g.writeStringField("username", FakeBotApi.BOT_USERNAME);
            g.writeEndObject();
            g.writeObjectFieldStart("chat");
            g.writeNumberField("id", chatId);
            g.writeStringField("type", "private");
            g.writeStringField("first_name", "reader" + (chatId - FIRST_CHAT));
            g.writeEndObject();
            g.writeNumberField("date", System.currentTimeMillis() / 1000);
            g.writeStringField("text", parsed.text());
            boolean any = false;
            for (TelegramHtml.Entity e : parsed.entities()) {
                String type = TelegramHtml.entityType(e.tag());
                if (type == null) continue;
                if (!any) g.writeArrayFieldStart("entities");
                any = true;
                g.writeStartObject();
                g.writeStringField("type", type);
                g.writeNumberField("offset", e.offset());
                g.writeNumberField("length", e.length());
                g.writeEndObject();
            }
            if (any) g.writeEndArray();
            if (markup != null && markup.has("inline_keyboard")) {
                g.writeFieldName("reply_markup");
                MAPPER.writeTree(g, markup);
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private Answer error(int status, String description, Integer retryAfter) throws IOException {
        if (status != 429) {
            synchronized (this) {
                otherErrors++;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            g.writeBooleanField("ok", false);
            g.writeNumberField("error_code", status);
            g.writeStringField("description", description);
            if (retryAfter != null) {
                g.writeObjectFieldStart("parameters");
                g.writeNumberField("retry_after", retryAfter);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        return new Answer(status, bytes.toByteArray());
    }

    /**
     * What the users saw: of the timed run's chats, those with no post (lost), posts beyond the first per chat
     * (duplicates), the posts accepted in each second, the 429s; the same for the warm-up's chats; and the CPU this
     * process used per timed post since {@code /mark}.
     */
    synchronized Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.putAll(received(0, timed));
        long acceptedTimed = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < accepted; i++) {
            if (acceptedChat[i] >= timed) continue;
            acceptedTimed++;
            first = Math.min(first, acceptedNanos[i]);
            last = Math.max(last, acceptedNanos[i]);
        }
        out.put("accepted", acceptedTimed);
        out.put("rejected429", rejectedTimed);
        out.put("otherErrors", otherErrors);
        if (acceptedTimed > 0) {
            out.put("firstToLastSeconds", (last - first) / 1e9);
            // System.nanoTime is the machine's monotonic clock on Linux: the bot compares these with its own
            out.put("firstAcceptedNanos", first);
            out.put("lastAcceptedNanos", last);
            int[] perSecond = new int[(int) ((last - first) / SECOND) + 1];
            for (int i = 0; i < accepted; i++) {
                if (acceptedChat[i] < timed) perSecond[(int) ((acceptedNanos[i] - first) / SECOND)]++;
            }
            out.put("acceptedEachSecond", perSecond);
        }
        ThreadCpu now = ThreadCpu.now();
        out.put(
                "cpuMsPerPost",
                String.format("%.2f", (now.processNanos() - mark.processNanos()) / 1e6 / Math.max(1, timed)));
        out.put("cpuMsPerPostByThread", now.perPostSince(mark, timed));
        out.put("connections", connections.get());
        if (chats > timed) {
            Map<String, Object> warm = new LinkedHashMap<>(received(timed, chats));
            warm.put("rejected429", rejectedWarmUp);
            out.put("warmUp", warm);
        }
        return out;
    }

    private Map<String, Object> received(int from, int to) {
        long received = 0;
        long lost = 0;
        long duplicates = 0;
        for (int i = from; i < to; i++) {
            received += shown[i];
            if (shown[i] == 0) lost++;
            if (shown[i] > 1) duplicates += shown[i] - 1;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("chats", to - from);
        out.put("received", received);
        out.put("lost", lost);
        out.put("duplicates", duplicates);
        return out;
    }

    /** A header line without its CRLF (ISO-8859-1); null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); ; c = in.read()) {
            if (c < 0) return line.length() == 0 ? null : line.toString();
            if (c == '\n') break;
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) throw new EOFException("chunked body cut short");
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            default -> "Status " + status;
        };
    }
}
