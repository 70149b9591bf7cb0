// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.ConfigLoader;
import io.memorydaemon.app.ExitCode;
import io.memorydaemon.check.Units;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.install.ConfigSetup;
import io.memorydaemon.install.Editor;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Menu entry 2. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        header = "Edit md.conf (editor or guided questions), then check it.",
        description = "Open md.conf in $VISUAL, $EDITOR, nano or vi, then check it and show any error with its line "
            + "number, offering to edit again. With --guided, ask receiver, sender, password (not shown), "
            + "threshold, SMTP server and port instead, keeping every other line of md.conf as it is.")
public final class EditCommand implements Callable<Integer> {

    @Option(names = "--guided", description = "Answer questions instead of opening an editor.")
    boolean guided;

    private final WizardSession s;

    public EditCommand(WizardSession session) {
        this.s = session;
    }

    @Override
    public Integer call() throws Exception {
        ConfigSetup.ensure(s.paths(), s.env().home(), s.origin().template()).stream().filter(l -> l.startsWith("Created"))
                .forEach(s.out()::println);
        Path file = s.paths().configFile();
        Editor editor = new Editor(s.env().variables());
        Optional<String> command = editor.command();
        boolean useGuide = guided || command.isEmpty()
                || s.prompt().ask("Open " + file + " in " + command.get() + " (e), or answer a few questions (g)?", "e")
                        .toLowerCase(java.util.Locale.ROOT).startsWith("g");
        if (useGuide) {
            try {
                new GuidedEdit(s).run(file);
            } catch (ConfigException e) {
                e.problems().forEach(s.out()::println);
                s.out().println(file + " was not changed; fix the lines above in an editor (md_wizard edit), then"
                        + " answer the questions again.");
                return ExitCode.USAGE;
            }
        } else {
            s.out().println("Opening " + file + " in " + command.get() + " …");
            s.out().flush();
            editor.edit(command.get(), file);
        }
        while (true) {
            try {
                Config c = ConfigLoader.loadChecked(s.env(), Optional.of(file));
                s.out().println(file + " is valid: threshold " + Units.threshold(c.thresholdPercent()) + "%, mail "
                        + (c.mail().isPresent() ? "to " + String.join(", ", c.mail().get().receivers()) : "off") + ".");
                c.warnings().forEach(s.out()::println);
                s.out().println("Next: 3) Test memory daemon with dummy trigger (md_wizard test).");
                return ExitCode.OK;
            } catch (ConfigException e) {
                e.problems().forEach(s.out()::println);
                if (command.isEmpty() || !s.prompt().yesNo("Edit md.conf again?", true)) {
                    s.out().println(file + " is not valid yet; memory-daemon will not run until it is.");
                    return ExitCode.USAGE;
                }
                editor.edit(command.get(), file);
            }
        }
    }
}
