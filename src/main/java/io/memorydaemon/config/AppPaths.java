// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.nio.file.Path;
import java.util.Map;

/** Where memory-daemon keeps its files for one user, following the XDG base directory rules. */
public record AppPaths(Path configDir) {

    public static final String CONFIG_NAME = "md.conf";

    /** {@code ${XDG_CONFIG_HOME:-$HOME/.config}/mem_daemon} from the given environment. */
    public static AppPaths fromEnvironment(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            base = home(env).resolve(".config");
        }
        return new AppPaths(base.resolve("mem_daemon"));
    }

    public static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home);
    }

    public Path configFile() {
        return configDir.resolve(CONFIG_NAME);
    }

    public Path defaultLogFile() {
        return configDir.resolve("tmp.log");
    }

    public Path outboxDir() {
        return configDir.resolve("outbox");
    }

    public Path lockFile() {
        return configDir.resolve("md.lock");
    }

    public Path warnStateFile() {
        return configDir.resolve("warned.state");
    }
}
