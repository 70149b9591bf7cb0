// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import io.memorydaemon.config.AppPaths;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a user-level install lives, the same for install.sh and {@code md_wizard install}:
 * {@code ${XDG_DATA_HOME:-~/.local/share}/memory-daemon/<version>/} (a copy of the image), a {@code current} link to
 * it, and {@code ~/.local/bin/{md_wizard,mem_daemon}} linked to {@code …/current/bin/<name>}.
 */
public record Layout(Path home, Path dataDir, Path binDir, AppPaths paths) {

    public static final String[] LAUNCHERS = {"md_wizard", "mem_daemon"};

    public static Layout fromEnvironment(Map<String, String> env) {
        Path home = AppPaths.home(env);
        String xdg = env.get("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".local/share");
        return new Layout(home, data.resolve("memory-daemon"), home.resolve(".local/bin"),
                AppPaths.fromEnvironment(env));
    }

    public Path versionDir(String version) {
        return dataDir.resolve(version);
    }

    public Path current() {
        return dataDir.resolve("current");
    }

    public Path link(String launcher) {
        return binDir.resolve(launcher);
    }

    /** {@code ${XDG_CONFIG_HOME:-~/.config}}: the parent of the config folder, where systemd user units live too. */
    public Path configHome() {
        return paths.configDir().getParent();
    }

    /** The original shell tool's files. */
    public Path legacyLauncher() {
        return home.resolve("bin/mem_daemon");
    }

    public Path legacyMailer() {
        return home.resolve("bin/mem_daemon_mail");
    }
}
