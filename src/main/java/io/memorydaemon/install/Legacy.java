// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.CronLog;
import io.memorydaemon.schedule.Crontab;
import io.memorydaemon.schedule.Crontab.CrontabException;
import io.memorydaemon.schedule.CrontabText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The original shell tool: {@code ~/bin/mem_daemon}, {@code ~/bin/mem_daemon_mail} and its crontab line
 * {@code *}{@code /N * * * * /home/USER/bin/mem_daemon 0 1 >> …}. Replacing it keeps md.conf (the format is the same)
 * and puts our own line where its line was, with the same period.
 */
public final class Legacy {
    private final Layout layout;
    private final Crontab crontab;

    public Legacy(Layout layout, Crontab crontab) {
        this.layout = layout;
        this.crontab = crontab;
    }

    /** What was found of the original tool; empty when nothing. */
    public List<String> found() throws CrontabException {
        List<String> found = new ArrayList<>();
        for (Path p : List.of(layout.legacyLauncher(), layout.legacyMailer())) {
            if (Files.isRegularFile(p) && !Files.isSymbolicLink(p)) {
                found.add(p.toString());
            }
        }
        if (crontab.available()) {
            crontab.read().legacyLines().forEach(l -> found.add("crontab: " + l));
        }
        return found;
    }

    /**
     * Deletes the original scripts and swaps its crontab line for ours (same period, default 5 minutes).
     *
     * @param launcher the launcher our line runs; empty when no crontab change is possible
     */
    public List<String> replace(Optional<Path> launcher) throws IOException, CrontabException {
        List<String> done = new ArrayList<>();
        for (Path p : List.of(layout.legacyLauncher(), layout.legacyMailer())) {
            if (Files.isRegularFile(p) && !Files.isSymbolicLink(p)) {
                Files.delete(p);
                done.add("Removed the original tool's " + p);
            }
        }
        if (!crontab.available()) {
            return done;
        }
        CrontabText text = crontab.read();
        List<String> old = text.legacyLines();
        if (old.isEmpty()) {
            return done;
        }
        if (launcher.isEmpty()) {
            done.add("Left the original crontab line: no mem_daemon launcher to point a new line at");
            return done;
        }
        int period = CronLine.periodMinutes(old.get(0)).orElse(CronLine.DEFAULT_PERIOD_MINUTES);
        String line = CronLine.check(launcher.get(), layout.paths().defaultLogFile(), Math.min(59, period),
                CronLine.configHomeFor(layout.paths(), layout.home()));
        CronLog.prepare(layout.paths().defaultLogFile());
        crontab.write(text.withCheck(line).withoutLegacy());
        done.add("Replaced the crontab line '" + old.get(0) + "' with '" + line + "'");
        return done;
    }
}
