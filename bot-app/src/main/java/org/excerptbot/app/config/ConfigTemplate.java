package org.excerptbot.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The commented YAML template, generated from the table of settings so that it never drifts from the code. */
public final class ConfigTemplate {
    private ConfigTemplate() {}

    /** The template's text. */
    public static String text() {
        StringBuilder out = new StringBuilder();
        out.append("# Excerpt Bot configuration.\n")
                .append(
                        "# Precedence: command-line --set KEY=VALUE, then environment variables, then this file, then defaults.\n")
                .append("# Every key can also be given as the environment variable named beside it.\n\n");
        Map<String, List<Setting>> groups = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            int dot = s.yamlPath().indexOf('.');
            groups.computeIfAbsent(dot < 0 ? "" : s.yamlPath().substring(0, dot), k -> new java.util.ArrayList<>())
                    .add(s);
        }
        for (Map.Entry<String, List<Setting>> group : groups.entrySet()) {
            String indent = group.getKey().isEmpty() ? "" : "  ";
            if (!group.getKey().isEmpty()) out.append(group.getKey()).append(":\n");
            for (Setting s : group.getValue()) {
                String key = group.getKey().isEmpty()
                        ? s.yamlPath()
                        : s.yamlPath().substring(group.getKey().length() + 1);
                out.append(indent).append("# ").append(s.help()).append('\n');
                out.append(indent)
                        .append("# Accepted: ")
                        .append(s.accepted())
                        .append(". Environment: ")
                        .append(s.env())
                        .append('\n');
                out.append(indent)
                        .append(key)
                        .append(": \"")
                        .append(s.defaultValue())
                        .append("\"\n\n");
            }
        }
        return out.toString();
    }

    /** {@code config init}: writes the template. */
    @Command(name = "init", mixinStandardHelpOptions = true, description = "Write a commented configuration template.")
    public static final class InitCommand implements Callable<Integer> {
        @Option(
                names = "--file",
                paramLabel = "FILE",
                defaultValue = "excerpt-bot.yaml",
                description = "Where to write it (default: ${DEFAULT-VALUE}).")
        Path file;

        @Option(names = "--force", description = "Overwrite an existing file.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            if (Files.exists(file) && !force) {
                System.err.println(file.toAbsolutePath() + " already exists; use --force to overwrite it.");
                return 1;
            }
            Files.writeString(file, text(), StandardCharsets.UTF_8);
            System.out.println("Wrote " + file.toAbsolutePath()
                    + ". Edit it, then run: java -jar excerpt-bot.jar --config " + file);
            return 0;
        }
    }
}
