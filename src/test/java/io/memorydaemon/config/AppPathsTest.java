// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPathsTest {

    @Test
    void followsXdgConfigHomeWhenItIsAbsolute() {
        AppPaths paths = AppPaths.fromEnvironment(Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "/cfg"));

        assertEquals(Path.of("/cfg/mem_daemon/md.conf"), paths.configFile());
        assertEquals(Path.of("/cfg/mem_daemon/tmp.log"), paths.defaultLogFile());
    }

    @Test
    void fallsBackToDotConfigInHomeAsTheOriginalToolDid() {
        for (Map<String, String> env : java.util.List.of(Map.of("HOME", "/home/u"),
                Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", ""),
                Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "relative/dir"))) {
            AppPaths paths = AppPaths.fromEnvironment(env);
            assertEquals(Path.of("/home/u/.config/mem_daemon"), paths.configDir(), env.toString());
        }
        AppPaths paths = AppPaths.fromEnvironment(Map.of("HOME", "/home/u"));
        assertEquals(Path.of("/home/u/.config/mem_daemon/outbox"), paths.outboxDir());
        assertEquals(Path.of("/home/u/.config/mem_daemon/md.lock"), paths.lockFile());
        assertEquals(Path.of("/home/u/.config/mem_daemon/warned.state"), paths.warnStateFile());
    }
}
