// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.ExitCode;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The original tool's menu, read like bash's {@code select}: a number at the {@code #? } prompt runs that entry,
 * anything else asks again, an empty line shows the menu again, end of input (Ctrl-D) leaves. After an entry the
 * menu comes back, so a new user can go 1, 2, 3, 4 in one sitting. End of input inside an entry's question is
 * {@link Prompter.EndOfInput}, which ends md_wizard with exit 2.
 */
public final class Menu {
    /** An entry: its number, its text as the original tool showed it, the subcommand it runs. */
    enum Entry {
        INSTALL("Install memory daemon", "install", InstallCommand::new),
        EDIT("Edit md.conf", "edit", EditCommand::new),
        TEST("Test memory daemon with dummy trigger", "test", TestCommand::new),
        CRON("Add crontab for memory daemon", "cron", CronCommand::new),
        UNINSTALL("Uninstall memory daemon", "uninstall", UninstallCommand::new);

        private final String text;
        private final String command;
        private final Function<WizardSession, Callable<Integer>> action;

        Entry(String text, String command, Function<WizardSession, Callable<Integer>> action) {
            this.text = text;
            this.command = command;
            this.action = action;
        }

        String text() {
            return text;
        }

        String command() {
            return command;
        }

        /** {@code 2) Edit md.conf}, as the menu shows it. */
        String menuText() {
            return (ordinal() + 1) + ") " + text;
        }
    }

    private final WizardSession s;

    public Menu(WizardSession session) {
        this.s = session.asMenu();
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
            Entry entry = Entry.values()[Integer.parseInt(reply) - 1];
            try {
                last = entry.action.apply(s).call();
            } catch (Prompter.EndOfInput e) {
                // a question left unanswered: exit 2 as for the subcommands, however the entries before it ended
                throw e;
            } catch (Exception e) {
                s.err().println("md_wizard: " + entry.text() + " failed: " + e.getMessage());
                last = ExitCode.FAILURE;
            }
            s.out().println();
            show();
        }
    }

    private void show() {
        for (Entry e : Entry.values()) {
            s.out().println(e.menuText());
        }
        s.out().flush();
    }
}
