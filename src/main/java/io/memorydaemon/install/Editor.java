// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import io.memorydaemon.system.Commands;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The user's editor: {@code $VISUAL}, {@code $EDITOR}, else nano, else vi, run on the terminal the wizard has. */
public final class Editor {
    private final Map<String, String> env;

    public Editor(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The editor command (may hold arguments, e.g. {@code code --wait}); empty when none can be found. */
    public Optional<String> command() {
        for (String var : List.of("VISUAL", "EDITOR")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.strip());
            }
        }
        return onPath("nano").or(() -> onPath("vi"));
    }

    /** Opens {@code file} and waits for the editor to exit; its exit code. */
    public int edit(String command, Path file) throws IOException, InterruptedException {
        // through sh so that "$EDITOR" may carry arguments, as git and crontab -e allow
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command + " \"$1\"", "sh", file.toString());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.inheritIO();
        return pb.start().waitFor();
    }

    private Optional<String> onPath(String name) {
        return Commands.find(name, env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin")).map(p -> name);
    }
}
