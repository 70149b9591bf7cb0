// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.config.PasswordSource;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    @Test
    void aHangingPassCommandGivesUpAtItsDeadlineAndSaysSo() {
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class,
                () -> Passwords.resolve(new PasswordSource.FromCommand("sleep 70; echo late"), ENV,
                        Duration.ofSeconds(1))));

        assertTrue(e.getMessage().startsWith("pass_command gave no password within 1 s"), e.getMessage());
    }

    @Test
    void aFailingPassCommandNamesItsExitCodeAndItsOwnReason() {
        IOException e = assertThrows(IOException.class, () -> Passwords.resolve(
                new PasswordSource.FromCommand("echo 'vault is sealed' >&2; exit 3"), ENV, Duration.ofSeconds(10)));

        assertTrue(e.getMessage().contains("exited with 3 (vault is sealed)"), e.getMessage());
    }

    @Test
    void theFirstLineIsThePassword() throws IOException {
        assertEquals("s3cret", Passwords.resolve(new PasswordSource.FromCommand("printf 's3cret\\nrest'"), ENV,
                Duration.ofSeconds(10)));
        assertEquals("plain", Passwords.resolve(new PasswordSource.Plain("plain"), ENV, Duration.ofSeconds(1)));
    }
}
