package org.excerptbot.telegram;

import java.util.List;
import java.util.Locale;
import org.excerptbot.core.command.CommandRegistry;
import org.excerptbot.core.command.Privacy;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;

/**
 * The command menus set at start with setMyCommands: Chinese as the default list, English for users whose
 * {@code language_code} is {@code en}. Owner-only commands are left out of the menus.
 */
final class CommandMenu {
    private static final int MAX_DESCRIPTION = 256;

    private CommandMenu() {}

    /** The setMyCommands calls to make: the default (Chinese) list first, then English. */
    static List<SetMyCommands> lists(CommandRegistry registry, Messages messages) {
        return List.of(
                list(registry, messages, Messages.CHINESE, null), list(registry, messages, Messages.ENGLISH, "en"));
    }

    private static SetMyCommands list(CommandRegistry registry, Messages messages, Locale locale, String language) {
        Texts texts = messages.texts(locale);
        List<BotCommand> commands = registry.specs().stream()
                .filter(spec -> spec.privacy() != Privacy.OWNER)
                .map(spec -> {
                    String description =
                            texts.has(spec.descriptionKey()) ? texts.get(spec.descriptionKey()) : "/" + spec.name();
                    if (description.length() > MAX_DESCRIPTION) {
                        description = description.substring(0, MAX_DESCRIPTION - 1) + "…";
                    }
                    return new BotCommand(spec.name(), description);
                })
                .toList();
        return SetMyCommands.builder()
                .commands(commands)
                .scope(new BotCommandScopeDefault())
                .languageCode(language)
                .build();
    }
}
