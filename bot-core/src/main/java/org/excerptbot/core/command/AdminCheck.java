package org.excerptbot.core.command;

/**
 * Asks lazily whether the requesting user administers the chat, so that a platform call is made only when a
 * command needs the answer. In a private chat the user is its administrator.
 */
@FunctionalInterface
public interface AdminCheck {
    AdminCheck ALWAYS = () -> true;
    AdminCheck NEVER = () -> false;

    /** True when the user may change the chat's subscription. May call the platform. */
    boolean isAdmin();
}
