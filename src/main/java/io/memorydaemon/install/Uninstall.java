// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.Crontab;
import io.memorydaemon.schedule.Crontab.CrontabException;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.schedule.SystemdUserUnit;
import io.memorydaemon.schedule.WatcherInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what install put in the user's home: optionally the crontab line and the watcher, the user-level runtime
 * and its links, optionally the config folder. Never a system package's files: it names the admin's command.
 */
public final class Uninstall {

    /** The answers to uninstall's two questions. */
    public record Choices(boolean removeSchedule, boolean keepConfig) { }

    /** What was removed and, last, what was left; {@code complete} is false when something failed. */
    public record Outcome(List<String> lines, boolean complete) { }

    private final Layout layout;
    private final Origin origin;
    private final Crontab crontab;
    private final WatcherInstaller watcher;

    public Uninstall(Layout layout, Origin origin, Crontab crontab, WatcherInstaller watcher) {
        this.layout = layout;
        this.origin = origin;
        this.crontab = crontab;
        this.watcher = watcher;
    }

    /**
     * Does it, in the order that never leaves a schedule pointing at a missing launcher: the watcher and the crontab
     * lines first, while the runtime still runs (it starts {@code crontab} and {@code systemctl}), the files last.
     * Returns what was removed and, last, what was left and how to remove it by hand.
     */
    public Outcome run(Choices choices) throws IOException {
        List<String> done = new ArrayList<>();
        List<String> left = new ArrayList<>();
        List<String> runtimeLeft = runtimeLeft(); // before the files go: it looks at them
        boolean removeRuntime = true;
        if (choices.removeSchedule()) {
            try {
                removeSchedule(done);
            } catch (CrontabException | IOException e) {
                done.add("Could not remove the schedule: " + e.getMessage());
                done.add("Nothing else was removed, so nothing points at a missing launcher. Remove the schedule by hand"
                        + " (crontab -e: the lines ending '" + CronLine.CHECK_MARKER + "' and '" + CronLine.WATCH_MARKER
                        + "'; systemctl --user disable --now " + SystemdUserUnit.NAME + "), then run md_wizard uninstall"
                        + " again");
                return new Outcome(done, false);
            }
        } else if (scheduleRunsTheRuntime()) {
            removeRuntime = false;
            left.add("Left your crontab line and watcher, and the runtime they run (" + layout.dataDir() + ", "
                    + layout.binDir() + "/{md_wizard,mem_daemon}); to remove it all run md_wizard uninstall and answer"
                    + " yes to removing the crontab line");
        } else {
            left.add("Left your crontab line and watcher (if any) in place");
        }
        boolean complete = !removeRuntime || removeRuntime(done, left);
        Path config = layout.paths().configDir();
        if (!Files.exists(config)) {
            left.add("No config folder " + config + " to keep or remove");
        } else if (choices.keepConfig()) {
            left.add("Left " + config + " (md.conf, the log, the outbox) — delete it yourself when you no longer need it");
        } else {
            Trees.delete(config);
            done.add("Removed " + config + " (md.conf, the log, the outbox)");
        }
        left.addAll(runtimeLeft);
        done.addAll(left);
        return new Outcome(done, complete);
    }

    private boolean removeRuntime(List<String> done, List<String> left) {
        try {
            for (String name : Layout.LAUNCHERS) {
                Path link = layout.link(name);
                if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(layout.dataDir())) {
                    Files.delete(link);
                    done.add("Removed " + link);
                }
            }
            done.addAll(new DocLinks(layout).remove());
            List<Path> created = new CreatedDirs(layout).take();
            List<Path> versions = new UserInstall(layout).installedVersions();
            if (Files.isSymbolicLink(layout.current())) {
                Files.delete(layout.current());
            }
            for (Path v : versions) {
                Trees.delete(v);
                done.add("Removed " + v);
            }
            if (Files.isDirectory(layout.dataDir(), LinkOption.NOFOLLOW_LINKS)) {
                try (var rest = Files.list(layout.dataDir())) {
                    if (rest.findAny().isEmpty()) {
                        Files.delete(layout.dataDir());
                    }
                }
            }
            done.addAll(CreatedDirs.removeEmpty(created));
            return true;
        } catch (IOException e) {
            left.add("Could not remove all of the runtime (" + e.getMessage() + "); nothing runs it any more, remove the"
                    + " rest by hand: rm -rf " + layout.dataDir() + " " + layout.link("md_wizard") + " "
                    + layout.link("mem_daemon"));
            return false;
        }
    }

    /** Whether a crontab line or the unit that stays runs the launcher uninstall would remove (or cannot tell). */
    private boolean scheduleRunsTheRuntime() {
        List<String> runs = new ArrayList<>();
        try {
            if (crontab.available()) {
                CrontabText text = crontab.read();
                text.checkLine().ifPresent(runs::add);
                text.watchLine().ifPresent(runs::add);
            }
            if (Files.isRegularFile(watcher.unitFile())) {
                runs.add(Files.readString(watcher.unitFile()));
            }
        } catch (CrontabException | IOException e) {
            return true;
        }
        return runs.stream().anyMatch(l -> l.contains(layout.dataDir().toString())
                || l.contains(layout.link("mem_daemon").toString()));
    }

    private void removeSchedule(List<String> done) throws IOException, CrontabException {
        done.addAll(watcher.remove());
        if (!crontab.available()) {
            return;
        }
        CrontabText text = crontab.read();
        if (text.checkLine().isPresent()) {
            crontab.write(text.withoutCheck());
            done.add("Removed the crontab line: " + text.checkLine().get());
        }
    }

    private List<String> runtimeLeft() {
        return switch (origin.kind(layout)) {
            case SYSTEM -> List.of("memory-daemon itself was installed by a system package (" + origin.home().orElseThrow()
                    + ") and stays; an admin removes it with 'sudo apt remove memory-daemon' (Debian/Ubuntu) or"
                    + " 'sudo rpm -e memory-daemon' (Fedora/RHEL)");
            case BUILD -> List.of("Left the build you ran this from (" + origin.home().orElseThrow() + ")");
            case USER_INSTALL, NONE -> List.of();
        };
    }
}
