package org.excerptbot.app.it;

import java.util.ArrayList;
import java.util.List;

/** The console's --echo output, split into (command, reply) exchanges. */
public record Transcript(List<Exchange> exchanges) {
    /** One line typed and what the bot answered. */
    public record Exchange(String input, String reply) {}

    public static Transcript parse(String stdout) {
        List<Exchange> out = new ArrayList<>();
        String input = null;
        StringBuilder reply = new StringBuilder();
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith("> ")) {
                if (input != null) out.add(new Exchange(input, reply.toString().strip()));
                input = line.substring(2);
                reply.setLength(0);
            } else if (input != null) {
                reply.append(line).append('\n');
            }
        }
        if (input != null) out.add(new Exchange(input, reply.toString().strip()));
        return new Transcript(out);
    }

    /** The reply to the n-th line typed (from 0). */
    public String reply(int n) {
        return exchanges.get(n).reply();
    }

    public int size() {
        return exchanges.size();
    }
}
