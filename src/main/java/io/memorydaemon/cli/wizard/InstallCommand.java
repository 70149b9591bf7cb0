// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.ExitCode;
import io.memorydaemon.install.ConfigSetup;
import io.memorydaemon.install.Layout;
import io.memorydaemon.install.Legacy;
import io.memorydaemon.install.Origin;
import io.memorydaemon.install.Requirements;
import io.memorydaemon.install.UserInstall;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Menu entry 1. */
@Command(name = "install", mixinStandardHelpOptions = true,
        header = "Create md.conf, check the needs, install a build into your home.",
        description = "Create ~/.config/mem_daemon (mode 700) and md.conf (mode 600, never overwritten), check what "
            + "the service needs, and replace the original shell tool if found. Run from a build (target/image "
            + "or an unpacked tarball), it also installs that build into ~/.local/share/memory-daemon and "
            + "links md_wizard and mem_daemon into ~/.local/bin, as install.sh does; a running watcher is restarted "
            + "on the version installed.")
public final class InstallCommand implements Callable<Integer>, Unattended {

    @Option(names = {"-y", "--yes"}, description = "Replace the original shell tool without asking.")
    boolean yes;

    private final WizardSession s;

    public InstallCommand(WizardSession session) {
        this.s = session;
    }

    @Override
    public String unattended() {
        return "md_wizard install --yes";
    }

    @Override
    public Integer call() throws Exception {
        Layout layout = s.layout();
        Origin origin = s.origin();
        switch (origin.kind(layout)) {
            case BUILD -> {
                print(new UserInstall(layout).install(origin.home().orElseThrow(), origin.version()));
                // a watcher still runs the previous version from deleted files: the upgrade must reach it
                if (s.launcher().isPresent()) {
                    print(s.watcher().restart(s.launcher().get(), s.paths().defaultLogFile()));
                }
            }
            case USER_INSTALL -> s.out().println("memory-daemon " + origin.version() + " is installed in "
                    + layout.dataDir());
            case SYSTEM -> s.out().println("memory-daemon " + origin.version() + " is installed for all users in "
                    + origin.home().orElseThrow() + " (a system package)");
            case NONE -> s.out().println("Not run from a memory-daemon image: nothing to copy (build one with"
                    + " ./mvnw package and run target/image/bin/md_wizard)");
        }
        print(ConfigSetup.ensure(s.paths(), s.env().home(), origin.template()));
        List<String> legacy = new Legacy(layout, s.crontab()).found();
        if (!legacy.isEmpty()) {
            s.out().println("Found the original memory-daemon shell tool:");
            legacy.forEach(l -> s.out().println("  " + l));
            if (yes || s.prompt().yesNo("Replace it? md.conf is kept and its crontab line becomes ours", true)) {
                print(new Legacy(layout, s.crontab()).replace(s.launcher()));
            }
        }
        Requirements.Findings findings = Requirements.check(s.launcher(), s.crontab(), layout,
                origin.kind(layout) == Origin.Kind.SYSTEM, s.env().variables());
        print(findings.lines());
        s.out().println("Next: " + s.step(Menu.Entry.EDIT) + " to set the threshold and your mail server.");
        return findings.met() ? ExitCode.OK : ExitCode.FAILURE;
    }

    private void print(List<String> lines) {
        lines.forEach(s.out()::println);
    }
}
