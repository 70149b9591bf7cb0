// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.Environment;
import io.memorydaemon.config.AppPaths;
import io.memorydaemon.install.Layout;
import io.memorydaemon.install.Origin;
import io.memorydaemon.schedule.CronLine;
import io.memorydaemon.schedule.Crontab;
import io.memorydaemon.schedule.SystemdUserUnit;
import io.memorydaemon.schedule.WatcherInstaller;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything a wizard command may touch, injected so tests drive it in-process: the environment and output, the
 * input, where the launcher runs from, and the crontab (the tests' is a throw-away user's); and whether the command
 * runs as an entry of the menu, which decides how it names the next step ("2) Edit md.conf" or "md_wizard edit").
 */
public record WizardSession(Environment env, Prompter prompt, Origin origin, Crontab crontab, boolean inMenu) {

    /** A session for a subcommand. */
    public WizardSession(Environment env, Prompter prompt, Origin origin, Crontab crontab) {
        this(env, prompt, origin, crontab, false);
    }

    /** The same session, for the menu's entries. */
    WizardSession asMenu() {
        return new WizardSession(env, prompt, origin, crontab, true);
    }

    /**
     * Another step as the person can take it from where they are: the menu's entry {@code n) …} in the menu, the
     * subcommand outside it.
     */
    String step(Menu.Entry entry) {
        return inMenu ? entry.menuText() : "md_wizard " + entry.command();
    }

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
        return new WatcherInstaller(unit(), crontab, Optional.of(layout().home()), env.variables(), configHome());
    }

    /** The {@code XDG_CONFIG_HOME} cron's lines and the watcher's unit must set to read this md.conf; see CronLine. */
    public Optional<Path> configHome() {
        return CronLine.configHomeFor(paths(), layout().home());
    }

    /** The launcher cron and systemd run; empty when not run from an image. */
    public Optional<Path> launcher() {
        return origin.memDaemonLauncher(layout());
    }
}
