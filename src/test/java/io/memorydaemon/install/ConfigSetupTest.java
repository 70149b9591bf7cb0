// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.config.AppPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSetupTest {
    @TempDir
    Path home;

    @Test
    void aTemplateThatDoesNotParseCreatesNoMdConf() throws IOException {
        AppPaths paths = new AppPaths(home.resolve(".config/mem_daemon"));
        Path template = Files.writeString(home.resolve("md.conf.template"), "threshold ninety\n");

        IOException e = assertThrows(IOException.class, () -> ConfigSetup.ensure(paths, home, Optional.of(template)));

        assertTrue(e.getMessage().contains("is not a valid md.conf (") && e.getMessage().contains("'threshold' must be"),
                e.getMessage());
        assertFalse(Files.exists(paths.configFile()));
        try (var left = Files.list(paths.configDir())) {
            assertEquals(0, left.count(), "no temporary file left");
        }
    }

    @Test
    void theTemplateBecomesAPrivateMdConf() throws IOException {
        AppPaths paths = new AppPaths(home.resolve(".config/mem_daemon"));

        ConfigSetup.ensure(paths, home, Optional.empty());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.configFile())));
        assertTrue(Files.readString(paths.configFile()).contains("\nthreshold 90\n"));
    }
}
