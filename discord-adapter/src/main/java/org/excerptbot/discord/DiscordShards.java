package org.excerptbot.discord;

import java.util.List;
import java.util.TreeSet;

/**
 * Which gateway shards this instance runs. Not sharded ({@link #NONE}, the default) is one connection for every
 * server. Sharded, Discord splits the servers over {@code total} connections by {@code (guild_id >> 22) % total};
 * each instance runs the shards in {@code ids} (all of them when empty), so several instances can share a bot.
 *
 * @param total 0 not sharded, {@link #AUTO} the count Discord recommends ({@code GET gateway/bot}), or 1 or more
 * @param ids the shards to run, ascending; empty for every shard of the total
 */
public record DiscordShards(int total, List<Integer> ids) {
    public static final DiscordShards NONE = new DiscordShards(0, List.of());
    public static final int AUTO = -1;
    public static final String SHARDS_VARIABLE = "DISCORD_SHARDS";
    public static final String SHARD_IDS_VARIABLE = "DISCORD_SHARD_IDS";
    /** Far above what a bot of this kind needs (2,500 servers per shard); catches typos. */
    static final int MAX_TOTAL = 1024;

    public DiscordShards {
        ids = List.copyOf(ids);
        if (total < AUTO || total > MAX_TOTAL) {
            throw new IllegalArgumentException(SHARDS_VARIABLE + ": must be auto or 1-" + MAX_TOTAL + ", was " + total);
        }
        if (total == 0 && !ids.isEmpty()) {
            throw new IllegalArgumentException(SHARD_IDS_VARIABLE + " needs " + SHARDS_VARIABLE
                    + " (the total shard count, or auto); without it the bot runs one connection");
        }
        int previous = -1;
        for (int id : ids) {
            if (id <= previous) throw new IllegalArgumentException(SHARD_IDS_VARIABLE + ": ids must ascend: " + ids);
            if (total > 0 && id >= total) {
                throw new IllegalArgumentException(SHARD_IDS_VARIABLE + ": shard " + id + " does not exist with "
                        + SHARDS_VARIABLE + "=" + total + "; shards are numbered 0-" + (total - 1));
            }
            previous = id;
        }
    }

    /** Sharded: a shard manager instead of one connection. */
    public boolean sharded() {
        return total != 0;
    }

    /**
     * Reads the two settings: {@code shards} empty (not sharded), {@code auto} or a count; {@code ids} empty (all),
     * or ids and ranges such as {@code 0-1} or {@code 0,2,4-5}. Throws with a message naming the setting.
     */
    public static DiscordShards parse(String shards, String ids) {
        String s = shards == null ? "" : shards.strip();
        String i = ids == null ? "" : ids.strip();
        int total;
        if (s.isEmpty()) {
            total = 0;
        } else if (s.equalsIgnoreCase("auto")) {
            total = AUTO;
        } else if (s.matches("\\d{1,5}") && Integer.parseInt(s) >= 1) {
            total = Integer.parseInt(s);
        } else {
            throw new IllegalArgumentException(SHARDS_VARIABLE + ": '" + s + "' is neither auto nor a shard count 1-"
                    + MAX_TOTAL + " (leave it empty for one connection)");
        }
        return new DiscordShards(total, parseIds(i));
    }

    private static List<Integer> parseIds(String text) {
        if (text.isEmpty()) return List.of();
        TreeSet<Integer> out = new TreeSet<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (!p.matches("\\d{1,4}(-\\d{1,4})?")) {
                throw new IllegalArgumentException(SHARD_IDS_VARIABLE + ": '" + p
                        + "' is not a shard id or range; use ids and ranges such as 0-1 or 0,2,4-5");
            }
            String[] bounds = p.split("-");
            int from = Integer.parseInt(bounds[0]);
            int to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : from;
            if (to >= MAX_TOTAL) {
                throw new IllegalArgumentException(SHARD_IDS_VARIABLE + ": shard ids go up to " + (MAX_TOTAL - 1));
            }
            if (to < from) {
                throw new IllegalArgumentException(SHARD_IDS_VARIABLE + ": range '" + p + "' runs backwards");
            }
            for (int id = from; id <= to; id++) out.add(id);
        }
        return List.copyOf(out);
    }
}
