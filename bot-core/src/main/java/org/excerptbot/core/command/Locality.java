package org.excerptbot.core.command;

/** Where a command may run. */
public enum Locality {
    PRIVATE,
    GROUP,
    ALL;

    /** True when a command of this locality may run in a chat of the given type. */
    public boolean allows(ChatType type) {
        return switch (this) {
            case ALL -> true;
            case PRIVATE -> type == ChatType.PRIVATE;
            case GROUP -> type != ChatType.PRIVATE;
        };
    }
}
