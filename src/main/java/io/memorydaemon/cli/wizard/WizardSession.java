// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.Environment;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.install.Layout;
import io.memorydaemon.install.Origin;
import io.memorydaemon.schedule.Crontab;
import io.memorydaemon.schedule.SystemdUserUnit;
import io.memorydaemon.schedule.WatcherInstaller;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a wizard command may touch, injected so tests drive it in-process: the environment and output, the
 * input, where the launcher runs from, and the crontab (the tests' is a throw-away user's).
 */
public record WizardSession(Environment env, Prompter prompt, Origin origin, Crontab crontab) {

    public Layout layout() {
        return Layout.fromEnvironment(env.variables());
    }

    public AppPaths paths() {
        return env.paths();
    }

    public PrintWriter out() {
        return env.out();
    }

    public PrintWriter err() {
        return env.err();
    }

    public SystemdUserUnit unit() {
        return new SystemdUserUnit(layout().configHome(), env.variables());
    }

    public WatcherInstaller watcher() {
        return new WatcherInstaller(unit(), crontab, Optional.of(layout().home()), env.variables());
    }

    /** The launcher cron and systemd run; empty when not run from an image. */
    public Optional<Path> launcher() {
        return origin.memDaemonLauncher(layout());
    }
}
