// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.system.Commands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the user's systemd instance outlives their last logout ("lingering"). Without it a user service stops at
 * logout, so the wizard asks for it, and where it is refused uses the @reboot line, which cron runs regardless.
 */
public final class Linger {
    /** loginctl answers at once; a hung logind must not hang the wizard. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    /** Whether a user service survives logout, and the reason in words. */
    record Answer(boolean survivesLogout, String why) { }

    private final Map<String, String> env;
    private final String user;

    public Linger(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.user = env.getOrDefault("USER", ProcessHandle.current().info().user().orElse(""));
    }

    /** Whether lingering is on now (read only: for status). */
    public boolean on() {
        Commands.Result show = loginctl("show-user", user, "--property=Linger");
        return show.ok() && show.stdout().strip().equals("Linger=yes");
    }

    /** Reads {@code Linger=}; if off, tries {@code loginctl enable-linger} (allowed by polkit on many systems). */
    Answer ensure() {
        if (on()) {
            return new Answer(true, "lingering is on for " + user);
        }
        Commands.Result enable = loginctl("enable-linger", user);
        if (enable.ok()) {
            return new Answer(true, "lingering was off; 'loginctl enable-linger " + user + "' turned it on");
        }
        return new Answer(false, "lingering is off and 'loginctl enable-linger " + user + "' was refused ("
                + enable.firstLine() + ")");
    }

    private Commands.Result loginctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("loginctl"));
        cmd.addAll(List.of(args));
        return Commands.run(cmd, env, "", DEADLINE);
    }
}
