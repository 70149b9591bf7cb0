// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import io.memorydaemon.system.Commands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's crontab through the real {@code crontab} command: read with {@code crontab -l}, written whole with
 * {@code crontab -}. Another user's ({@code -u}) only when running as root, as the tests do.
 */
public final class Crontab {
    private final Map<String, String> env;
    private final Optional<String> user;

    private Crontab(Map<String, String> env, Optional<String> user) {
        this.env = Map.copyOf(env);
        this.user = user;
    }

    /** The crontab of the user running the wizard. */
    public static Crontab ofCurrentUser(Map<String, String> env) {
        return new Crontab(env, Optional.empty());
    }

    /** The crontab of {@code user} (root only). */
    public static Crontab ofUser(Map<String, String> env, String user) {
        return new Crontab(env, Optional.of(user));
    }

    /** Whether a {@code crontab} command can be run at all. */
    public boolean available() {
        return Commands.run(command("-l"), env, "").exitCode() != Commands.Result.CANNOT_RUN;
    }

    /** The crontab's text; empty when the user has none yet. */
    public CrontabText read() throws CrontabException {
        Commands.Result r = Commands.run(command("-l"), env, "");
        if (r.ok()) {
            return CrontabText.parse(r.stdout());
        }
        if (r.exitCode() == 1 && r.stderr().contains("no crontab for")) {
            return CrontabText.parse("");
        }
        throw new CrontabException("crontab -l failed: " + r.firstLine() + hint(r));
    }

    /** Replaces the whole crontab; an empty text removes it, so uninstall leaves no empty crontab behind. */
    public void write(CrontabText text) throws CrontabException {
        Commands.Result r;
        if (text.text().isEmpty()) {
            r = Commands.run(command("-r"), env, "");
            if (!r.ok() && r.stderr().contains("no crontab for")) {
                return;
            }
        } else {
            r = Commands.run(command("-"), env, text.text());
        }
        if (!r.ok()) {
            throw new CrontabException("crontab could not be written: " + r.firstLine() + hint(r));
        }
    }

    private List<String> command(String arg) {
        List<String> cmd = new ArrayList<>(List.of("crontab"));
        user.ifPresent(u -> cmd.addAll(List.of("-u", u)));
        cmd.add(arg);
        return cmd;
    }

    /** What to do when there is no crontab command at all: said by every command that needs one. */
    public static final String MISSING = "no crontab command; an admin installs it with 'sudo apt install cron'"
            + " (Debian/Ubuntu) or 'sudo dnf install cronie' (Fedora/RHEL)";

    private static String hint(Commands.Result r) {
        return r.exitCode() == Commands.Result.CANNOT_RUN ? "; " + MISSING : "";
    }

    /** crontab could not be read or written; the message is one line with the fix. */
    public static final class CrontabException extends Exception {
        private static final long serialVersionUID = 1L;

        public CrontabException(String message) {
            super(message);
        }
    }
}
