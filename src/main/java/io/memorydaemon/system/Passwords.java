// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.config.PasswordSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads the SMTP password from where md.conf says, each way bounded in time and size. */
public final class Passwords {
    /** A password manager asking for a passphrase nobody types (cron has no terminal) must not hold up mail. */
    public static final Duration COMMAND_DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_FILE_BYTES = 64 * 1024;

    private Passwords() { }

    /**
     * The password, or an IOException naming the source, what went wrong and where to fix it.
     *
     * @param env the environment pass_command runs with (the user's: it may need HOME, a keyring's socket)
     */
    public static String resolve(PasswordSource source, Map<String, String> env, Duration deadline)
            throws IOException {
        if (source instanceof PasswordSource.Plain plain) {
            return plain.value();
        }
        if (source instanceof PasswordSource.FromFile file) {
            try (InputStream in = Files.newInputStream(file.file())) {
                return firstLine(new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException("cannot read pass_file " + file.file() + ": " + e.getMessage(), e);
            }
        }
        PasswordSource.FromCommand command = (PasswordSource.FromCommand) source;
        Duration limit = deadline.compareTo(COMMAND_DEADLINE) < 0 ? deadline : COMMAND_DEADLINE;
        Commands.Result r = Commands.run(List.of("/bin/sh", "-c", command.command()), env, "", limit);
        if (r.exitCode() == Commands.Result.TIMED_OUT) {
            throw new IOException("pass_command gave no password within " + limit.toSeconds() + " s: "
                    + command.command());
        }
        if (!r.ok()) {
            throw new IOException("pass_command exited with " + r.exitCode() + " (" + r.firstLine() + "): "
                    + command.command());
        }
        String password = firstLine(r.stdout());
        if (password.isEmpty()) {
            throw new IOException("pass_command printed no password: " + command.command());
        }
        return password;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
