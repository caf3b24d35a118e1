package org.excerptbot.app.ops;

import java.time.LocalTime;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.excerptbot.core.command.Platform;

/**
 * The keys (platform, chat id, local time) of the schedules an import has read, so that its check finds a chat's
 * second schedule at one time while streaming the file. A numeric chat id (every Telegram and Discord chat) takes a
 * long and a char in an open-addressing table kept at most three quarters full: 10 bytes a slot, so 13 to 27 bytes
 * a key (21 MB for a million keys, 31 MB while the table doubles). The JDK has no set of primitives, and a
 * {@code HashSet} of key records would take about 70 bytes a key. Any other id goes into a set of strings.
 */
final class ScheduleKeys {
    private static final int MINUTES = 24 * 60;

    static {
        if ((Platform.values().length * MINUTES) >= Character.MAX_VALUE) {
            throw new IllegalStateException("too many platforms for a char slot code");
        }
    }

    private long[] ids = new long[1024];
    /** 0 for an empty slot, else 1 + platform * MINUTES + minute of the day. */
    private char[] codes = new char[1024];

    private int size;
    private final Set<String> others = new HashSet<>();

    /** Adds the key; false when it was there already. */
    boolean add(Platform platform, String chatId, LocalTime time) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(chatId, "chatId");
        int minute = time.getHour() * 60 + time.getMinute();
        char code = (char) (1 + platform.ordinal() * MINUTES + minute);
        if (!isCanonicalLong(chatId)) return others.add(code + " " + chatId);
        long id;
        try {
            id = Long.parseLong(chatId);
        } catch (NumberFormatException tooLarge) {
            return others.add(code + " " + chatId);
        }
        if (4L * (size + 1) > 3L * ids.length) grow();
        if (!insert(ids, codes, id, code)) return false;
        size++;
        return true;
    }

    private static boolean insert(long[] ids, char[] codes, long id, char code) {
        int mask = ids.length - 1;
        for (int i = slot(id, code, mask); ; i = (i + 1) & mask) {
            if (codes[i] == 0) {
                ids[i] = id;
                codes[i] = code;
                return true;
            }
            if (codes[i] == code && ids[i] == id) return false;
        }
    }

    private void grow() {
        long[] newIds = new long[ids.length * 2];
        char[] newCodes = new char[codes.length * 2];
        for (int i = 0; i < ids.length; i++) {
            if (codes[i] != 0) insert(newIds, newCodes, ids[i], codes[i]);
        }
        ids = newIds;
        codes = newCodes;
    }

    /** MurmurHash3's 64-bit finaliser over the id and the code. */
    private static int slot(long id, char code, int mask) {
        long h = id * 31 + code;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    /** Digits with an optional minus and no leading zero: the text {@code Long.toString} would give back. */
    private static boolean isCanonicalLong(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        int digits = s.length() - start;
        if (digits < 1 || digits > 19) return false;
        if (s.charAt(start) == '0' && (digits > 1 || start == 1)) return false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
