// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.testing.Run;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Subcommands speak as subcommands and the menu as the menu: {@code md_wizard cron} names {@code md_wizard uninstall},
 * entry 4 names {@code 5) Uninstall memory daemon}. And what md_wizard suggests when its input ends is true: the
 * command it names runs and asks nothing. The built image's md_wizard as a throw-away user.
 */
class WizardWordsIT {
    /** A menu entry as the menu shows it, e.g. "2) Edit md.conf". */
    private static final Pattern MENU_ENTRY = Pattern.compile("(?m)(^|\\s)[1-5]\\) [A-Z]");
    private static final Pattern SUGGESTED = Pattern.compile("To ask nothing, run: (md_wizard [^(,]*?)(?: \\(|, or |\\.\\n)");

    @Test
    void eachSubcommandNamesTheNextStepAsASubcommand() throws Exception {
        try (CronUser user = CronUser.create()) {
            Map<String, String> next = Map.of(
                    "install", "Next: md_wizard edit to set the threshold and your mail server.",
                    "edit --check", "Next: md_wizard test.",
                    "test", "Next: md_wizard cron.",
                    "cron --every 5", "Done. md_wizard uninstall takes it all away again.");
            for (String command : List.of("install", "edit --check", "test", "cron --every 5")) {
                if (command.equals("test")) {
                    user.tempHome().writeConfig("threshold 99\n");
                }
                Run.Result r = WizardRun.image(user, Map.of(), "", command.split(" "));
                assertEquals(0, r.exitCode(), command + ": " + r.both());
                assertTrue(r.stdout().contains(next.get(command)), command + ": " + r.stdout());
                assertFalse(MENU_ENTRY.matcher(r.both()).find(), command + " speaks of the menu: " + r.both());
            }
            user.tempHome().writeConfig("threshold 300\n");
            Run.Result bad = WizardRun.image(user, Map.of(), "", "test");
            assertEquals(2, bad.exitCode(), bad.both());
            assertTrue(bad.stdout().contains("Fix md.conf first: md_wizard edit."), bad.stdout());
        }
    }

    @Test
    void theMenuNamesItsEntries() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 99\n");
            Run.Result r = WizardRun.image(user, Map.of("EDITOR", "/bin/true"), "2\ne\n4\n5\nn\n");
            assertEquals(0, r.exitCode(), r.both());
            assertTrue(r.stdout().contains("Next: 3) Test memory daemon with dummy trigger."), r.stdout());
            assertTrue(r.stdout().contains("Done. 5) Uninstall memory daemon takes it all away again."), r.stdout());
        }
    }

    /** Each command that asks, left without input, names a command that then asks nothing; and that command works. */
    @Test
    void whatEndOfInputSuggestsRunsWithoutQuestions() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("# mine\nthreshold 99\n");
            Files.createDirectories(user.home().resolve("bin"));
            Files.writeString(user.home().resolve("bin/mem_daemon"), "#!/bin/bash\n# the original tool\n");
            for (String command : List.of("edit", "install", "cron", "uninstall")) {
                Run.Result stuck = WizardRun.image(user, Map.of("EDITOR", "/bin/true"), "", command);
                assertEquals(2, stuck.exitCode(), command + ": " + stuck.both());
                Matcher m = SUGGESTED.matcher(stuck.stderr());
                assertTrue(m.find(), command + ": " + stuck.stderr());
                List<String> suggested = new ArrayList<>(List.of(m.group(1).replace("KEY=VALUE", "threshold=95")
                        .replace("MINUTES", "5").split(" ")));
                assertEquals(List.of("md_wizard", command), suggested.subList(0, 2), stuck.stderr());

                Run.Result done = WizardRun.image(user, Map.of("EDITOR", "/bin/true"), "",
                        suggested.subList(1, suggested.size()).toArray(String[]::new));

                assertFalse(done.stderr().contains("end of input"), suggested + ": " + done.both());
                assertEquals(0, done.exitCode(), suggested + ": " + done.both());
            }
        }
    }

    @Test
    void editSetChangesOnlyItsKeysAndOnlyToAValidMdConf() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("# mine\nthreshold 99\n#avoid ^x$\nwarn_interval 30\n");

            Run.Result set = WizardRun.image(user, Map.of(), "", "edit", "--set", "threshold=85.5", "--set", "avoid=^(sshd|tmux)$");

            assertEquals(0, set.exitCode(), set.both());
            assertEquals("# mine\nthreshold 85.5\navoid ^(sshd|tmux)$\nwarn_interval 30\n",
                    Files.readString(user.tempHome().config()));
            assertTrue(set.stdout().contains(" is valid: threshold 85.5%, mail off."), set.stdout());
            for (String[] refused : List.of(new String[] {"threshold=300"}, new String[] {"colour=blue"},
                    new String[] {"threshold="}, new String[] {"receiver=me@example.org"})) {
                Run.Result r = WizardRun.image(user, Map.of(), "", "edit", "--set", refused[0]);
                assertEquals(2, r.exitCode(), refused[0] + ": " + r.both());
                assertTrue(r.stderr().contains("was not changed"), refused[0] + ": " + r.stderr());
                assertEquals("# mine\nthreshold 85.5\navoid ^(sshd|tmux)$\nwarn_interval 30\n",
                        Files.readString(user.tempHome().config()), refused[0]);
            }
            Run.Result both = WizardRun.image(user, Map.of(), "", "edit", "--guided", "--check");
            assertEquals(2, both.exitCode(), both.both());
        }
    }
}
