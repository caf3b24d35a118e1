package org.excerptbot.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.excerptbot.app.it.JarRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration errors as a self-hoster meets them: the packaged jar, one clear line, exit code 2. */
class ConfigJarIT {
    @TempDir
    Path dir;

    @Test
    void anInvalidEnvironmentVariableStopsTheJarWithExitCode2AndOneClearLine() {
        JarRunner.Result r = JarRunner.run(
                List.of("calendar", "--days", "1"), Map.of("EXCERPT_BOT_TIMEZONE", "Mars/Olympus"), "", dir);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr())
                .contains(
                        "Configuration error: EXCERPT_BOT_TIMEZONE (timezone) from environment EXCERPT_BOT_TIMEZONE"
                                + " is 'Mars/Olympus', but it must be an IANA time zone such as Asia/Shanghai or Europe/London.")
                .doesNotContain("Exception");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void aFlagOverridesTheEnvironment() {
        JarRunner.Result r = JarRunner.run(
                List.of("--set", "timezone=UTC", "calendar", "--from", "2026-01-01", "--days", "1"),
                Map.of("EXCERPT_BOT_TIMEZONE", "Mars/Olympus"),
                "",
                dir);

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("2026-01-01\t");
    }
}
