// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import io.memorydaemon.schedule.Crontab;
import io.memorydaemon.system.Commands;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the service needs, checked for real: the launcher cron will run starts, and a crontab command exists. */
public final class Requirements {

    /** The findings, one line each; {@code met} when nothing blocks the service. */
    public record Findings(boolean met, List<String> lines) { }

    private Requirements() { }

    public static Findings check(Optional<Path> launcher, Crontab crontab, Layout layout, boolean systemInstall,
                                 Map<String, String> env) {
        List<String> lines = new ArrayList<>();
        boolean met = true;
        if (launcher.isPresent()) {
            Commands.Result r = Commands.run(List.of(launcher.get().toString(), "--version"), env, "");
            lines.add(r.ok() ? "Checked: " + launcher.get() + " runs (" + r.stdout().lines().findFirst().orElse("") + ")"
                    : "Problem: " + launcher.get() + " does not run: " + r.firstLine());
            met = r.ok();
        }
        if (crontab.available()) {
            lines.add("Checked: the crontab command is there");
        } else {
            lines.add("Problem: " + Crontab.MISSING);
            met = false;
        }
        String path = env.getOrDefault("PATH", "");
        if (!systemInstall && !List.of(path.split(File.pathSeparator)).contains(layout.binDir().toString())) {
            lines.add("Note: " + layout.binDir() + " is not on your PATH; add it with:"
                    + " echo 'export PATH=\"$HOME/.local/bin:$PATH\"' >> ~/.profile");
        }
        return new Findings(met, lines);
    }
}
