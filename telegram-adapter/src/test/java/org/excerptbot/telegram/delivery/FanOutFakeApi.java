package org.excerptbot.telegram.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.excerptbot.telegram.fake.FakeBotApi;

/**
 * The platform side of the fan-out benchmark ({@code bench/delivery-fanout.sh}), in its own JVM: the test
 * {@link FakeBotApi} with {@code subscriptions} private chats, enforcing Telegram's flood control at {@code rate}
 * messages per sliding second. A second server on another ephemeral port answers {@code GET /stats}: what the
 * users received (per chat), and the 429s. Prints {@code FAKE api=<url> stats=<url>} once ready.
 *
 * <p>Arguments: {@code subscriptions rate}.
 */
public final class FanOutFakeApi {
    static final String TOKEN = "7000000001:AAE-fanout_BENCH-token-1234567890xyz";
    static final long FIRST_CHAT = 100_000;

    private FanOutFakeApi() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int n = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        FakeBotApi api = FakeBotApi.start(TOKEN);
        for (int i = 0; i < n; i++) api.user(FIRST_CHAT + i, "reader" + i, "zh");
        api.limitSendRate(rate);

        HttpServer stats = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        stats.createContext("/stats", exchange -> {
            try (exchange) {
                byte[] body = new ObjectMapper().writeValueAsBytes(stats(api, n));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        stats.start();
        System.out.println("FAKE api=" + api.url() + " stats=http://127.0.0.1:"
                + stats.getAddress().getPort() + "/stats");
        new CountDownLatch(1).await();
    }

    /** What the users saw: chats with no post (lost), posts beyond the first per chat (duplicates), 429s. */
    static Map<String, Object> stats(FakeBotApi api, int n) {
        long received = 0;
        long lost = 0;
        long duplicates = 0;
        for (int i = 0; i < n; i++) {
            int shown = api.messages(FIRST_CHAT + i).size();
            received += shown;
            if (shown == 0) lost++;
            if (shown > 1) duplicates += shown - 1;
        }
        List<FakeBotApi.Call> sends = api.calls("sendMessage");
        long accepted = sends.stream().filter(c -> c.status() == 200).count();
        long first = sends.stream()
                .filter(c -> c.status() == 200)
                .mapToLong(FakeBotApi.Call::receivedNanos)
                .min()
                .orElse(0);
        long last = sends.stream()
                .filter(c -> c.status() == 200)
                .mapToLong(FakeBotApi.Call::receivedNanos)
                .max()
                .orElse(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("received", received);
        out.put("lost", lost);
        out.put("duplicates", duplicates);
        out.put("accepted", accepted);
        out.put("rejected429", sends.stream().filter(c -> c.status() == 429).count());
        out.put(
                "otherErrors",
                sends.stream()
                        .filter(c -> c.status() != 200 && c.status() != 429)
                        .count());
        out.put("firstToLastSeconds", (last - first) / 1e9);
        int[] perSecond = new int[(int) ((last - first) / 1_000_000_000L) + 1];
        sends.stream()
                .filter(c -> c.status() == 200)
                .forEach(c -> perSecond[(int) ((c.receivedNanos() - first) / 1_000_000_000L)]++);
        out.put("acceptedEachSecond", perSecond);
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        out.put("cpuMsPerPost", String.format("%.2f", cpu / 1e6 / Math.max(1, n)));
        return out;
    }
}
