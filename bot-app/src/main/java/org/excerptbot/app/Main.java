package org.excerptbot.app;

/** Entry point of excerpt-bot.jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("Excerpt Bot " + org.excerptbot.core.Version.get());
    }
}
