// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import io.memorydaemon.schedule.Crontab;
import io.memorydaemon.schedule.Crontab.CrontabException;
import io.memorydaemon.schedule.CrontabText;
import io.memorydaemon.schedule.WatcherInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what install put in the user's home: the user-level runtime and its links, optionally the crontab line
 * and the watcher, optionally the config folder. Never a system package's files: it names the admin's command.
 */
public final class Uninstall {

    /** The answers to uninstall's two questions. */
    public record Choices(boolean removeSchedule, boolean keepConfig) { }

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

    /** Does it; returns what was removed and, last, what was left. */
    public List<String> run(Choices choices) throws IOException, CrontabException {
        List<String> done = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (String name : Layout.LAUNCHERS) {
            Path link = layout.link(name);
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(layout.dataDir())) {
                Files.delete(link);
                done.add("Removed " + link);
            }
        }
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
        if (choices.removeSchedule()) {
            removeSchedule(done);
        } else {
            left.add("Left your crontab line and watcher (if any) in place");
        }
        Path config = layout.paths().configDir();
        if (!Files.exists(config)) {
            left.add("No config folder " + config + " to keep or remove");
        } else if (choices.keepConfig()) {
            left.add("Left " + config + " (md.conf, the log, the outbox) — delete it yourself when you no longer need it");
        } else {
            Trees.delete(config);
            done.add("Removed " + config + " (md.conf, the log, the outbox)");
        }
        left.addAll(runtimeLeft());
        done.addAll(left);
        return done;
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
