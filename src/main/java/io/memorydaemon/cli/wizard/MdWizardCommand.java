// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.cli.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code md_wizard}: with no subcommand, the menu. */
@Command(name = "md_wizard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Sets memory-daemon up for you. With no subcommand it shows the original tool's menu:",
            "  1) Install memory daemon                 (= md_wizard install)",
            "  2) Edit md.conf                          (= md_wizard edit)",
            "  3) Test memory daemon with dummy trigger (= md_wizard test)",
            "  4) Add crontab for memory daemon         (= md_wizard cron; it offers watch)",
            "  5) Uninstall memory daemon               (= md_wizard uninstall)",
            "Type a number at the '#? ' prompt; an empty line shows the menu again; Ctrl-D leaves."},
        subcommands = {InstallCommand.class, EditCommand.class, TestCommand.class, CronCommand.class,
            WatcherSetupCommand.class, UninstallCommand.class, StatusCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:runtime failure (a command failed, the test mail was not accepted)",
            "2:bad usage, bad md.conf, or no answer to a question (end of input)"})
public final class MdWizardCommand implements Callable<Integer> {
    private final WizardSession s;

    public MdWizardCommand(WizardSession session) {
        this.s = session;
    }

    @Override
    public Integer call() {
        return new Menu(s).run();
    }
}
