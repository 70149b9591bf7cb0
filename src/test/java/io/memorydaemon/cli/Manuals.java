// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.app.Environment;
import io.memorydaemon.cli.wizard.MdWizardCommand;
import io.memorydaemon.cli.wizard.SessionFactory;
import io.memorydaemon.cli.wizard.WizardSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Run by the build (exec-maven-plugin, prepare-package) to write the man pages and bash completions from the picocli
 * model into {@code DIR/share/man} and {@code DIR/share/bash-completion/completions}; build-image.sh copies them into
 * the image. Build-time only, so it lives with the tests and never ships in the runtime.
 * Usage: Manuals DIR docs/user-guide.md VERSION
 */
public final class Manuals {
    private Manuals() { }

    public static void main(String[] args) throws IOException {
        Path share = Path.of(args[0]).resolve("share");
        String guide = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        write(share, guide, args[2]);
        System.out.println("manuals: man pages and bash completions in " + share);
    }

    /** @param guide the user guide's markdown: md.conf's section, the Files and Environment tables */
    static void write(Path share, String guide, String version) throws IOException {
        Path man1 = Files.createDirectories(share.resolve("man/man1"));
        Path completions = Files.createDirectories(share.resolve("bash-completion/completions"));
        for (CommandLine cl : new CommandLine[] {memDaemon(), mdWizard()}) {
            String name = cl.getCommandName();
            Files.writeString(man1.resolve(name + ".1"), ManPage.of(cl, version, guide), StandardCharsets.UTF_8);
            Files.writeString(completions.resolve(name), AutoComplete.bash(name, cl), StandardCharsets.UTF_8);
        }
        Files.writeString(Files.createDirectories(share.resolve("man/man5")).resolve("md.conf.5"),
                ConfPage.of(guide, version), StandardCharsets.UTF_8);
    }

    /** The command lines the launchers run (MemDaemon.run, Wizard.run), with an environment that is never used. */
    static CommandLine memDaemon() {
        return new CommandLine(new MemDaemonCommand(), new Factory(unused()));
    }

    static CommandLine mdWizard() {
        WizardSession session = new WizardSession(unused(), null, null, null);
        return new CommandLine(new MdWizardCommand(session), new SessionFactory(session));
    }

    private static Environment unused() {
        return new Environment(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }
}
