package org.excerptbot.core.command;

import java.time.ZoneId;

/** Port: the time zone of a chat -- its subscription's zone if it has one, else the instance's default. */
@FunctionalInterface
public interface ChatZones {
    ZoneId zoneOf(ChatRef chat);

    /** Every chat in one zone. */
    static ChatZones fixed(ZoneId zone) {
        return chat -> zone;
    }
}
