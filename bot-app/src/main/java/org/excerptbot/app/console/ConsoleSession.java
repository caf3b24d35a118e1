package org.excerptbot.app.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.excerptbot.core.command.AdminCheck;
import org.excerptbot.core.command.ChatRef;
import org.excerptbot.core.command.ChatType;
import org.excerptbot.core.command.CommandDispatcher;
import org.excerptbot.core.command.Input;
import org.excerptbot.core.command.Platform;
import org.excerptbot.core.command.Request;
import org.excerptbot.core.command.UserRef;
import org.excerptbot.core.i18n.Texts;
import org.excerptbot.core.reference.References;
import org.excerptbot.core.reply.Action;
import org.excerptbot.core.reply.Picture;
import org.excerptbot.core.reply.Reply;

/**
 * The console mode: reads commands line by line, answers each in plain text. Typing a button's number presses
 * it, as tapping would on a platform; a line that names passages, such as {@code 1.11} or {@code 原则二}, shows
 * them. The console is a private chat whose user administers it. A reply with pictures (a quote card) has each
 * written as a PNG file into the pictures directory, named by the picture's hash, and its path printed after the
 * reply's text.
 */
public final class ConsoleSession {
    /** The one chat of the console. */
    public static final ChatRef CHAT = new ChatRef(Platform.CONSOLE, "console", ChatType.PRIVATE);

    private static final UserRef USER = new UserRef("console", "console");
    private final CommandDispatcher dispatcher;
    private final Texts texts;
    private final PrintStream out;
    private final boolean interactive;
    private final boolean echo;
    private final Optional<Path> pictures;
    private List<Action> lastActions = List.of();

    /**
     * @param interactive print a welcome and a prompt (on a terminal)
     * @param echo print each input line, after "> ", before its reply: a transcript of a piped script
     */
    public ConsoleSession(
            CommandDispatcher dispatcher, Texts texts, PrintStream out, boolean interactive, boolean echo) {
        this(dispatcher, texts, out, interactive, echo, Optional.empty());
    }

    /**
     * @param pictures the directory pictures are written into (made when the first is written); empty: pictures
     *     are not written and only the reply's text is shown
     */
    public ConsoleSession(
            CommandDispatcher dispatcher,
            Texts texts,
            PrintStream out,
            boolean interactive,
            boolean echo,
            Optional<Path> pictures) {
        this.dispatcher = dispatcher;
        this.texts = texts;
        this.out = out;
        this.interactive = interactive;
        this.echo = echo;
        this.pictures = Objects.requireNonNull(pictures, "pictures");
    }

    /** Answers every line until the end of input. */
    public void run(BufferedReader in) throws IOException {
        run(in, () -> {});
    }

    /** Answers every line until the end of input, calling {@code afterFirstLine} once the first is answered. */
    public void run(BufferedReader in, Runnable afterFirstLine) throws IOException {
        if (interactive) out.println(texts.get("console.welcome"));
        prompt();
        boolean first = true;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            handle(line);
            if (first) {
                first = false;
                afterFirstLine.run();
            }
            prompt();
        }
    }

    /** Answers one line; a blank line is ignored. */
    public void handle(String rawLine) {
        String line = rawLine.strip();
        if (line.isEmpty()) return;
        if (echo) {
            synchronized (this) {
                out.println("> " + line);
            }
        }
        Optional<Input> input = parse(line);
        if (input.isEmpty()) {
            print(Reply.error(texts.get("console.not.command")));
            return;
        }
        Request request = new Request(CHAT, USER, texts.locale(), input.get(), AdminCheck.ALWAYS);
        dispatcher.dispatch(request).ifPresent(this::print);
    }

    /** Shows a reply that did not answer a line, such as a daily post. */
    public synchronized void print(Reply reply) {
        if (!reply.allActions().isEmpty()) lastActions = reply.allActions();
        out.print(PlainTextRenderer.render(reply));
        if (pictures.isPresent()) {
            for (Picture picture : reply.pictures()) out.println(saved(picture, pictures.get()));
        }
        out.println();
        out.flush();
    }

    /** Writes a picture into the directory and says where; a picture that cannot be written is said to be so. */
    private String saved(Picture picture, Path directory) {
        try {
            Path file = write(picture, directory);
            return texts.get("console.card.saved", file.toAbsolutePath());
        } catch (IOException e) {
            return texts.get("error.internal") + " (" + directory + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Writes a picture as {@code <directory>/card-<first 16 hex digits of its hash>.png}: the same card is one file
     * however often it is asked for.
     */
    public static Path write(Picture picture, Path directory) throws IOException {
        Files.createDirectories(directory);
        String stem = picture.fileName().substring(0, picture.fileName().length() - ".png".length());
        Path file = directory.resolve(stem + "-" + picture.sha256().substring(0, 16) + ".png");
        Path partial = directory.resolve(file.getFileName() + ".part");
        try (OutputStream os = Files.newOutputStream(partial)) {
            picture.writeTo(os);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private Optional<Input> parse(String line) {
        if (line.matches("\\d{1,2}")) {
            int n = Integer.parseInt(line);
            if (n >= 1 && n <= lastActions.size())
                return Optional.of(new Input.Action(lastActions.get(n - 1).data()));
            return Optional.empty();
        }
        if (!line.startsWith("/") && !line.startsWith("／"))
            return References.passageRequest(line).<Input>map(c -> c);
        String body = line.substring(1);
        int space = indexOfWhitespace(body);
        String name = space < 0 ? body : body.substring(0, space);
        String arguments = space < 0 ? "" : body.substring(space + 1);
        int at = name.indexOf('@');
        if (at >= 0) name = name.substring(0, at);
        return Optional.of(new Input.Command(name.toLowerCase(Locale.ROOT), arguments));
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == '\u3000') return i;
        }
        return -1;
    }

    private void prompt() {
        if (interactive) {
            out.print("> ");
            out.flush();
        }
    }
}
