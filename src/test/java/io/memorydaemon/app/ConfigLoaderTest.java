// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memorydaemon.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** md.conf as every command loads it; a person's commands also prove pass_command works, cron's check does not. */
class ConfigLoaderTest {
    @TempDir
    Path home;

    private Environment env() {
        return new Environment(Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    private Path conf(String passCommand) throws Exception {
        Path dir = Files.createDirectories(home.resolve(".config/mem_daemon"));
        Path file = dir.resolve("md.conf");
        Files.writeString(file, "threshold 90\nreceiver a@example.org\nsender b@example.org\nsmtp mail.example.org\n"
                + "pass_command " + passCommand + "\nport 587\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void aFailingPassCommandIsAnErrorWithItsLineForWhatAPersonRunsButNotForCronsCheck() throws Exception {
        Path file = conf("echo 'vault is sealed' >&2; exit 3");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.loadChecked(env(), Optional.empty()));

        assertEquals(1, e.problems().size(), e.problems().toString());
        String line = e.problems().get(0);
        assertEquals(file + ":5: pass_command exited with 3 (vault is sealed): echo 'vault is sealed' >&2; exit 3;"
                + " fix the command (run it yourself to see) or use pass_file", line);
        assertFalse(ConfigLoader.load(env(), Optional.empty()).mail().isEmpty(), "cron's check does not run it");
    }

    @Test
    void aPassCommandThatPrintsAPasswordPasses() throws Exception {
        conf("printf 's3cret\\n'");

        assertFalse(ConfigLoader.loadChecked(env(), Optional.empty()).mail().isEmpty());
    }
}
