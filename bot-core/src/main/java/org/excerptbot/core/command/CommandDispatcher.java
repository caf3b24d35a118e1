package org.excerptbot.core.command;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.excerptbot.core.i18n.Messages;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request through the shared steps: flood control, parsing, the registry, locality and privacy, the
 * command's arguments read and checked against its {@link ArgSpec}s, then the handler. It never throws to the
 * adapter: bad input, and even a bug in a handler, become a short reply in the user's language. A handler runs
 * only with arguments that fit its spec. An empty result means "stay silent" (a flooding user, or a command
 * meant for another bot).
 */
public final class CommandDispatcher {
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    /** Action data: {@code name[:page] arguments}, for example {@code read 1 12} or {@code search:2 互联互通}. */
    private static final Pattern ACTION =
            Pattern.compile("([a-z][a-z0-9_]{0,31})(?::(\\d{1,4}))?(?: (.*))?", Pattern.DOTALL);

    private static final int MAX_ARGUMENT_CHARS = ArgSpec.MAX_TEXT;

    private final CommandRegistry registry;
    private final Messages messages;
    private final FloodControl flood;
    private final OwnerCheck owners;
    private final ReplyTransform transform;

    /** Decides whether a user owns this instance (for {@link Privacy#OWNER} commands). */
    @FunctionalInterface
    public interface OwnerCheck {
        OwnerCheck NOBODY = (platform, userId) -> false;

        boolean isOwner(Platform platform, String userId);
    }

    public CommandDispatcher(CommandRegistry registry, Messages messages, FloodControl flood, OwnerCheck owners) {
        this(registry, messages, flood, owners, ReplyTransform.NONE);
    }

    /** @param transform applied to every reply a handler gives (the chat's script) */
    public CommandDispatcher(
            CommandRegistry registry,
            Messages messages,
            FloodControl flood,
            OwnerCheck owners,
            ReplyTransform transform) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.flood = Objects.requireNonNull(flood, "flood");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.transform = Objects.requireNonNull(transform, "transform");
    }

    public CommandRegistry registry() {
        return registry;
    }

    /** Answers a request; empty when the bot should stay silent. */
    public Optional<Reply> dispatch(Request request) {
        Texts texts = messages.texts(request.locale());
        try {
            Platform platform = request.chat().platform();
            FloodControl.Verdict verdict = platform == Platform.CONSOLE
                    ? FloodControl.Verdict.ALLOW // the console is the operator's own terminal
                    : flood.check(platform, request.user().id());
            switch (verdict) {
                case IGNORE:
                    return Optional.empty();
                case NOTIFY:
                    return Optional.of(Reply.error(texts.get("error.flood")));
                case ALLOW:
                default:
                    break;
            }
            return Optional.of(transform.apply(request, texts, withoutDeadButtons(route(request, texts))));
        } catch (RuntimeException e) {
            log.error("command failed: {} in {}", describe(request), request.chat(), e);
            return Optional.of(Reply.error(texts.get("error.internal")));
        }
    }

    private Reply route(Request request, Texts texts) {
        String name;
        String arguments;
        int page = 1;
        if (request.input() instanceof Input.Command command) {
            name = command.name().toLowerCase(Locale.ROOT);
            arguments = command.arguments();
        } else {
            Matcher m = ACTION.matcher(((Input.Action) request.input()).data());
            if (!m.matches()) return Reply.error(texts.get("error.action.expired"));
            name = m.group(1);
            page = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            arguments = m.group(3) == null ? "" : m.group(3);
        }
        Optional<CommandSpec> found = registry.find(name);
        if (found.isEmpty()) return Reply.error(texts.get("error.unknown.command", shorten(name, 32)));
        CommandSpec spec = found.get();
        if (!spec.locality().allows(request.chat().type())) {
            return Reply.error(texts.get(
                    spec.locality() == Locality.PRIVATE ? "error.locality.private" : "error.locality.group", name));
        }
        if (arguments.length() > MAX_ARGUMENT_CHARS) {
            return Reply.error(texts.get("error.arguments.too.long", MAX_ARGUMENT_CHARS));
        }
        String cleaned = stripControls(arguments);
        switch (spec.privacy()) {
            case CHAT_ADMIN:
                if (request.chat().type() != ChatType.PRIVATE
                        && !request.admin().isAdmin()) {
                    return Reply.error(texts.get("error.privacy.admin", name));
                }
                break;
            case OWNER:
                if (!owners.isOwner(request.chat().platform(), request.user().id())) {
                    return Reply.error(texts.get("error.privacy.owner", name));
                }
                break;
            case PUBLIC:
            default:
                break;
        }
        ArgumentParser.Outcome outcome = ArgumentParser.parse(spec.arguments(), cleaned);
        if (outcome instanceof ArgumentParser.Refused refused) return ArgumentMessages.reply(spec, refused, texts);
        Arguments parsed = ((ArgumentParser.Read) outcome).arguments();
        return spec.handler().handle(new CommandContext(request, cleaned, parsed, texts, page, registry));
    }

    /**
     * The reply without the buttons whose command this registry lacks (a save button where there are no
     * bookmarks): handlers compose their buttons without knowing which commands the registry was built with, and
     * a button must never answer "no such command".
     */
    private Reply withoutDeadButtons(Reply reply) {
        boolean dead = reply.allActions().stream().anyMatch(a -> !runs(a));
        if (!dead) return reply;
        List<List<Action>> rows = reply.actions().stream()
                .map(row -> row.stream().filter(this::runs).toList())
                .filter(row -> !row.isEmpty())
                .toList();
        return reply.withActions(rows);
    }

    private boolean runs(Action action) {
        Matcher m = ACTION.matcher(action.data());
        return m.matches() && registry.find(m.group(1)).isPresent();
    }

    /** Control characters become spaces, so that they neither reach a handler nor split a word silently. */
    static String stripControls(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean control = type == Character.CONTROL || type == Character.FORMAT && cp != 0x200D;
            out.appendCodePoint(control ? ' ' : cp);
        });
        return out.toString();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static String describe(Request request) {
        return request.input() instanceof Input.Command c ? "/" + c.name() : "action " + request.input();
    }
}
