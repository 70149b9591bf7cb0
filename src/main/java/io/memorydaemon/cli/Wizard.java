// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.app.Environment;
import io.memorydaemon.app.ExitCode;
import io.memorydaemon.cli.wizard.MdWizardCommand;
import io.memorydaemon.cli.wizard.Prompter;
import io.memorydaemon.cli.wizard.SessionFactory;
import io.memorydaemon.cli.wizard.Unattended;
import io.memorydaemon.cli.wizard.WizardSession;
import io.memorydaemon.install.Origin;
import io.memorydaemon.schedule.Crontab;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;

/** Entry point of the {@code md_wizard} launcher; the only place that exits. */
public final class Wizard {
    private Wizard() { }

    public static void main(String[] args) {
        Environment env = Environment.system();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        Console console = System.console();
        Prompter prompter = console == null ? Prompter.plain(in, env.out()) : new Prompter(in, env.out(), prompt -> {
            char[] secret = console.readPassword("%s", prompt);
            return secret == null ? null : new String(secret);
        });
        // the launcher tells where the image is and how it was started
        Origin origin = new Origin(Optional.ofNullable(System.getProperty("md.home")).map(Path::of),
                Optional.ofNullable(System.getProperty("md.launcher")).map(Path::of));
        System.exit(run(new WizardSession(env, prompter, origin, Crontab.ofCurrentUser(env.variables())), args));
    }

    public static int run(WizardSession session, String... args) {
        CommandLine cli = new CommandLine(new MdWizardCommand(session), new SessionFactory(session));
        cli.setOut(session.out()).setErr(session.err());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof Prompter.EndOfInput) {
                cmd.getErr().println();
                cmd.getErr().println("md_wizard: no answer (end of input); stopped. " + unattended(cmd.getCommand()));
                return ExitCode.USAGE;
            }
            cmd.getErr().println("md_wizard: " + e.getMessage());
            return ExitCode.FAILURE;
        });
        int rc = cli.execute(args);
        session.out().flush();
        session.err().flush();
        return rc;
    }

    /** How a script runs the command that was asking, so that nothing is asked. */
    static String unattended(Object command) {
        return command instanceof Unattended u ? "To ask nothing, run: " + u.unattended() + "."
                : "Scripts run the subcommands, which ask nothing when given their flags (md_wizard --help).";
    }
}
