// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import io.memorydaemon.app.ConfigLoader;
import io.memorydaemon.app.ExitCode;
import io.memorydaemon.check.Units;
import io.memorydaemon.config.Config;
import io.memorydaemon.config.ConfigException;
import io.memorydaemon.config.ConfigParser;
import io.memorydaemon.install.ConfigRewriter;
import io.memorydaemon.install.ConfigSetup;
import io.memorydaemon.install.Editor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Menu entry 2. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        header = "Edit md.conf (editor or guided questions), then check it.",
        description = "Open md.conf in $VISUAL, $EDITOR, nano or vi, then check it and show any error with its line "
            + "number, offering to edit again. With --guided, ask receiver, sender, password (not shown), "
            + "threshold, SMTP server and port instead, keeping every other line of md.conf as it is. With --set or "
            + "--check it asks nothing, for scripts.")
public final class EditCommand implements Callable<Integer>, Unattended {

    @Option(names = "--guided", description = "Answer questions instead of opening an editor.")
    boolean guided;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Set KEY to VALUE (repeatable), keeping every "
            + "other line; md.conf is replaced only if the result is valid. Asks nothing.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--check", description = "Only check md.conf and show each problem with its line. Asks nothing.")
    boolean check;

    private final WizardSession s;

    public EditCommand(WizardSession session) {
        this.s = session;
    }

    @Override
    public String unattended() {
        return "md_wizard edit --set KEY=VALUE (e.g. --set threshold=90), or md_wizard edit --check";
    }

    @Override
    public Integer call() throws Exception {
        ConfigSetup.ensure(s.paths(), s.env().home(), s.origin().template()).stream().filter(l -> l.startsWith("Created"))
                .forEach(s.out()::println);
        if (guided && (check || !set.isEmpty())) {
            s.err().println("md_wizard: --guided asks questions and --set or --check asks none; give one of them");
            return ExitCode.USAGE;
        }
        Path file = s.paths().configFile();
        boolean asks = set.isEmpty() && !check;
        Editor editor = new Editor(s.env().variables());
        Optional<String> command = asks ? editor.command() : Optional.empty();
        if (!set.isEmpty()) {
            Optional<Integer> refused = setValues(file);
            if (refused.isPresent()) {
                return refused.get();
            }
        } else if (asks && (guided || command.isEmpty() || s.prompt().ask("Open " + file + " in " + command.get()
                + " (e), or answer a few questions (g)?", "e").toLowerCase(java.util.Locale.ROOT).startsWith("g"))) {
            try {
                new GuidedEdit(s).run(file);
            } catch (ConfigException e) {
                e.problems().forEach(s.out()::println);
                s.out().println(file + " was not changed; fix the lines above in an editor first ("
                        + s.step(Menu.Entry.EDIT) + ", then e), then answer the questions again.");
                return ExitCode.USAGE;
            }
        } else if (asks) {
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
                s.out().println("Next: " + s.step(Menu.Entry.TEST) + ".");
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

    /** {@code --set}: every key known and every value plain text, then one atomic replace; an exit code if refused. */
    private Optional<Integer> setValues(Path file) throws java.io.IOException {
        for (Map.Entry<String, String> e : set.entrySet()) {
            String problem = !ConfigParser.KNOWN_KEYS.contains(e.getKey())
                    ? "'" + e.getKey() + "' is not an md.conf key; the keys are " + String.join(", ", ConfigParser.KNOWN_KEYS)
                    : e.getValue().isBlank() ? "--set " + e.getKey() + "= has no value; to remove a key, edit md.conf"
                    : Prompter.controlCharacter(e.getValue()).map(c -> "the value of " + e.getKey() + " holds " + c)
                            .orElse(null);
            if (problem != null) {
                s.err().println("md_wizard: " + problem + "; " + file + " was not changed");
                return Optional.of(ExitCode.USAGE);
            }
        }
        ConfigParser parser = new ConfigParser(s.paths(), s.env().home());
        try {
            Map<String, String> values = new LinkedHashMap<>();
            set.forEach((k, v) -> values.put(k, v.strip()));
            ConfigRewriter.write(file, ConfigRewriter.set(parser.text(file), values), parser);
        } catch (ConfigException e) {
            e.problems().forEach(s.err()::println);
            s.err().println("md_wizard: " + file + " was not changed: with " + String.join(", ", set.keySet())
                    + " set it would not be valid");
            return Optional.of(ExitCode.USAGE);
        }
        s.out().println("Wrote " + String.join(", ", List.copyOf(set.keySet())) + " to " + file
                + " (other lines and comments kept).");
        return Optional.empty();
    }
}
