// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.ExitCode;
import io.memorydaemon.install.Uninstall;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Menu entry 5. */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        header = "Remove what install put in your home; a system package stays.",
        description = "Stop the watcher and remove the crontab line first (default yes), then what install put in your"
            + " home (the user-level runtime in ~/.local/share/memory-daemon "
            + "and the ~/.local/bin links, and the folders install created there once they are empty), and md.conf with "
            + "the log (default: keep). A system package (.deb/.rpm) is never touched: it names the admin's "
            + "command.")
public final class UninstallCommand implements Callable<Integer>, Unattended {

    @Option(names = {"-y", "--yes"}, description = "Take the defaults without asking: remove the crontab line and"
            + " the watcher, keep md.conf.")
    boolean yes;

    @Option(names = "--keep-config", description = "Keep ~/.config/mem_daemon (md.conf, log, outbox).")
    boolean keepConfig;

    @Option(names = "--remove-config", description = "Remove ~/.config/mem_daemon too.")
    boolean removeConfig;

    private final WizardSession s;

    public UninstallCommand(WizardSession session) {
        this.s = session;
    }

    @Override
    public String unattended() {
        return "md_wizard uninstall --yes (add --remove-config to remove md.conf and the log too)";
    }

    @Override
    public Integer call() throws Exception {
        if (keepConfig && removeConfig) {
            s.err().println("md_wizard: --keep-config and --remove-config contradict each other; give one");
            return ExitCode.USAGE;
        }
        boolean schedule = yes || s.prompt().yesNo("Remove the memory-daemon crontab line (and the watcher)?", true);
        boolean keep = !removeConfig && (keepConfig || yes
                || s.prompt().yesNo("Keep md.conf (and the log) in " + s.paths().configDir() + "?", true));
        Uninstall.Outcome outcome = new Uninstall(s.layout(), s.origin(), s.crontab(), s.watcher())
                .run(new Uninstall.Choices(schedule, keep));
        outcome.lines().forEach(s.out()::println);
        return outcome.complete() ? ExitCode.OK : ExitCode.FAILURE;
    }
}
