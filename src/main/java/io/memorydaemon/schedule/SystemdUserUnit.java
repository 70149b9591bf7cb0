// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.system.Commands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resident watcher as a systemd user service: {@code ~/.config/systemd/user/memory-daemon.service}. */
public final class SystemdUserUnit {
    public static final String NAME = "memory-daemon.service";

    private final Path unitFile;
    private final Map<String, String> env;

    /** @param configHome {@code ${XDG_CONFIG_HOME:-~/.config}} */
    public SystemdUserUnit(Path configHome, Map<String, String> env) {
        this.unitFile = configHome.resolve("systemd/user").resolve(NAME);
        this.env = Map.copyOf(env);
    }

    public Path file() {
        return unitFile;
    }

    public boolean installed() {
        return Files.exists(unitFile);
    }

    /** The launcher the installed unit runs (its ExecStart= without " watch"), for status to check it is there. */
    public Optional<Path> launcher() {
        try {
            return Files.readAllLines(unitFile, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("ExecStart=") && l.endsWith(" watch"))
                    .map(l -> l.substring("ExecStart=".length(), l.length() - " watch".length()))
                    .map(w -> w.startsWith("\"") && w.endsWith("\"") ? w.substring(1, w.length() - 1)
                            .replace("\\\"", "\"").replace("\\\\", "\\") : w)
                    .map(w -> Path.of(w.replace("%%", "%"))).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The unit for the default md.conf. */
    public static String content(Path launcher) {
        return content(launcher, Optional.empty());
    }

    /**
     * The unit; the watcher logs to the same file as the cron line, so {@code md_wizard status} shows both. With
     * {@code configHome} it sets {@code XDG_CONFIG_HOME}, which the user manager's environment may lack, so the
     * watcher reads the md.conf the wizard edited.
     */
    public static String content(Path launcher, Optional<Path> configHome) {
        return """
                # Written by md_wizard; 'md_wizard uninstall' or 'md_wizard watch --remove' removes it.
                [Unit]
                Description=memory-daemon: terminate your own runaway process before the RAM is full
                Documentation=https://github.com/memory-daemon/memory-daemon

                [Service]
                Type=simple
                %sExecStart=%s watch
                Restart=on-failure
                RestartSec=10
                # the JVM exits 143 when systemd stops it with SIGTERM: a clean stop, not a failure
                SuccessExitStatus=143
                MemoryMax=128M

                [Install]
                WantedBy=default.target
                """.formatted(configHome.map(h -> "Environment=" + systemdWord("XDG_CONFIG_HOME=" + h) + "\n").orElse(""),
                        systemdWord(launcher.toString()));
    }

    /** Whether this user has a systemd user instance the wizard can talk to (not the case under plain su or cron). */
    public boolean systemdAvailable() {
        return systemctl("show-environment").ok();
    }

    /** Writes the unit and enables it now; the result of {@code systemctl --user enable --now}. */
    public Commands.Result install(Path launcher) throws IOException {
        return install(launcher, Optional.empty());
    }

    public Commands.Result install(Path launcher, Optional<Path> configHome) throws IOException {
        Files.createDirectories(unitFile.getParent());
        Files.writeString(unitFile, content(launcher, configHome), StandardCharsets.UTF_8);
        Commands.Result reload = systemctl("daemon-reload");
        if (!reload.ok()) {
            return reload;
        }
        return systemctl("enable", "--now", NAME);
    }

    /** {@code systemctl --user try-restart}: an upgrade's new version runs at once, a stopped unit stays stopped. */
    public Commands.Result restartIfRunning() {
        return systemctl("try-restart", NAME);
    }

    /** Stops, disables and deletes the unit. */
    public void remove() throws IOException {
        if (systemdAvailable()) {
            systemctl("disable", "--now", NAME);
        }
        Files.deleteIfExists(unitFile);
        if (systemdAvailable()) {
            systemctl("daemon-reload");
        }
    }

    private Commands.Result systemctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("systemctl", "--user"));
        cmd.addAll(List.of(args));
        return Commands.run(cmd, env, "");
    }

    /** systemd splits ExecStart= on spaces and treats % specially: quote and escape accordingly. */
    static String systemdWord(String word) {
        String s = word.replace("%", "%%");
        return s.matches("[A-Za-z0-9_./+:@%=-]+") ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
