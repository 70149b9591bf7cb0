// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where memory-daemon keeps its files: for one user, all in one directory following the XDG base directory rules;
 * for the system watcher, md.conf in {@code /etc/memory-daemon} and its state (lock, outbox, warn ledger) in
 * {@code /var/lib/memory-daemon}, or where systemd's {@code StateDirectory=} says ({@code $STATE_DIRECTORY}).
 *
 * @param configDir where md.conf is (relative paths in md.conf are resolved here)
 * @param stateDir  where the tool writes: the lock, the outbox, the warn ledger
 */
public record AppPaths(Path configDir, Path stateDir) {

    public static final String CONFIG_NAME = "md.conf";
    public static final Path SYSTEM_CONFIG_DIR = Path.of("/etc/memory-daemon");
    public static final Path SYSTEM_STATE_DIR = Path.of("/var/lib/memory-daemon");

    /** A user's layout: everything in {@code configDir}. */
    public AppPaths(Path configDir) {
        this(configDir, configDir);
    }

    /** The system watcher's layout; {@code $STATE_DIRECTORY} (its first entry, when absolute) moves the state. */
    public static AppPaths system(Map<String, String> env) {
        String state = env.getOrDefault("STATE_DIRECTORY", "").split(":", -1)[0];
        Path stateDir = !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state) : SYSTEM_STATE_DIR;
        return new AppPaths(SYSTEM_CONFIG_DIR, stateDir);
    }

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
        return stateDir.resolve("tmp.log");
    }

    public Path outboxDir() {
        return stateDir.resolve("outbox");
    }

    public Path lockFile() {
        return stateDir.resolve("md.lock");
    }

    public Path warnStateFile() {
        return stateDir.resolve("warned.state");
    }

    /** {@code check}'s last readings of used RAM, for the early warning's estimate (with warn_threshold only). */
    public Path historyFile() {
        return stateDir.resolve("readings.state");
    }
}
