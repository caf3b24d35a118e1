package org.excerptbot.core.script;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.command.ArgSpec;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandContext;
import org.excerptbot.core.command.CommandSpec;
import org.excerptbot.core.command.Locality;
import org.excerptbot.core.command.Privacy;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Reply;

/**
 * {@code /script [traditional|simplified]} (also {@code /settings script ...}): shows or changes the script the chat
 * reads in. Anyone may ask; in a group or channel only an administrator may change it, since it changes what
 * everyone there reads, daily posts included.
 */
public final class ScriptCommands {
    /** The command, also reached through {@code /settings script}. */
    public static final String COMMAND = "script";

    private final ChatScripts scripts;
    private final Clock clock;

    public ScriptCommands(ChatScripts scripts, Clock clock) {
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<CommandSpec> specs() {
        List<String> words = Arrays.stream(Script.values()).map(Script::word).toList();
        return List.of(new CommandSpec(
                COMMAND,
                List.of(ArgSpec.choice("script", words).asOptional()),
                Privacy.PUBLIC,
                Locality.ALL,
                this::script));
    }

    Reply script(CommandContext context) {
        Texts texts = context.texts();
        Request request = context.request();
        Optional<Script> chosen = context.optionalChoice("script").flatMap(Script::parse);
        if (chosen.isEmpty()) {
            Script current = scripts.scriptOf(request.chat(), request.locale());
            boolean stored = scripts.preferences().script(request.chat()).isPresent();
            return Reply.notice(texts.get(
                    stored ? "script.current" : "script.current.default",
                    texts.get("script.name." + current.word()),
                    COMMAND));
        }
        if (request.chat().type() != ChatType.PRIVATE && !request.admin().isAdmin()) {
            return Reply.error(texts.get("error.privacy.admin", COMMAND));
        }
        scripts.preferences().setScript(request.chat(), chosen.get(), clock.instant());
        return Reply.notice(
                texts.get("script.set", texts.get("script.name." + chosen.get().word())));
    }
}
