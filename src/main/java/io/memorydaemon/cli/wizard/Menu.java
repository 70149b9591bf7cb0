// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.ExitCode;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The original tool's menu, read like bash's {@code select}: a number at the {@code #? } prompt runs that entry,
 * anything else asks again, an empty line shows the menu again, end of input (Ctrl-D) leaves. After an entry the
 * menu comes back, so a new user can go 1, 2, 3, 4 in one sitting. End of input inside an entry's question is
 * {@link Prompter.EndOfInput}, which ends md_wizard with exit 2.
 */
public final class Menu {
    static final List<String> ENTRIES = List.of(
            "Install memory daemon",
            "Edit md.conf",
            "Test memory daemon with dummy trigger",
            "Add crontab for memory daemon",
            "Uninstall memory daemon");

    private static final List<Function<WizardSession, Callable<Integer>>> ACTIONS = List.of(
            InstallCommand::new, EditCommand::new, TestCommand::new, CronCommand::new, UninstallCommand::new);

    private final WizardSession s;

    public Menu(WizardSession session) {
        this.s = session;
    }

    /** Runs until end of input at the menu's prompt; the exit code of the last entry run (0 when none ran). */
    public int run() {
        int last = ExitCode.OK;
        show();
        while (true) {
            String reply = s.prompt().lineOrNull("#? ");
            if (reply == null) {
                s.out().println();
                s.out().flush();
                return last;
            }
            reply = reply.strip();
            if (reply.isEmpty()) {
                show();
                continue;
            }
            if (!reply.matches("[1-5]")) {
                continue;
            }
            try {
                last = ACTIONS.get(Integer.parseInt(reply) - 1).apply(s).call();
            } catch (Prompter.EndOfInput e) {
                // a question left unanswered: exit 2 as for the subcommands, however the entries before it ended
                throw e;
            } catch (Exception e) {
                s.err().println("md_wizard: " + ENTRIES.get(Integer.parseInt(reply) - 1) + " failed: " + e.getMessage());
                last = ExitCode.FAILURE;
            }
            s.out().println();
            show();
        }
    }

    private void show() {
        for (int i = 0; i < ENTRIES.size(); i++) {
            s.out().println((i + 1) + ") " + ENTRIES.get(i));
        }
        s.out().flush();
    }
}
