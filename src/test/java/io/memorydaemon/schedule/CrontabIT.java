// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.install.Layout;
import io.memorydaemon.install.Legacy;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real crontab binary, on the crontab of a user the test creates (and removes). */
class CrontabIT {
    private static final String OTHERS = """
            # m h  dom mon dow   command
            MAILTO=""
            SHELL=/bin/sh

            0 3 * * * /usr/bin/backup   --all  # nightly, two spaces kept
            \t@weekly\t/usr/bin/true
            """;

    @Test
    void otherLinesSurviveByteForByteThroughInstallReinstallAndRemoval() throws Exception {
        try (CronUser user = CronUser.create()) {
            Crontab crontab = user.crontab();
            assertEquals("", user.crontabText(), "a new user has no crontab");
            crontab.write(CrontabText.parse(OTHERS));
            assertEquals(OTHERS, user.crontabText());
            Path launcher = Path.of("/opt/md/bin/mem_daemon");
            Path log = user.home().resolve(".config/mem_daemon/tmp.log");

            String five = CronLine.check(launcher, log, 5);
            crontab.write(crontab.read().withCheck(five));
            assertEquals(OTHERS + five + "\n", user.crontabText());

            String twelve = CronLine.check(launcher, log, 12);
            crontab.write(crontab.read().withCheck(twelve));
            assertEquals(OTHERS + twelve + "\n", user.crontabText(), "replaced, not added");

            crontab.write(crontab.read().withoutCheck());
            assertEquals(OTHERS, user.crontabText());
        }
    }

    @Test
    void theOriginalToolsLineIsSwappedForOursKeepingItsPeriod() throws Exception {
        try (CronUser user = CronUser.create()) {
            String legacy = "*/3 * * * * " + user.home() + "/bin/mem_daemon 0 1 >> " + user.home()
                    + "/.config/mem_daemon/tmp.log";
            user.crontab().write(CrontabText.parse("# before\n" + legacy + "\n0 1 * * * after\n"));
            Layout layout = Layout.fromEnvironment(Map.of("HOME", user.home().toString()));

            List<String> done = new Legacy(layout, user.crontab()).replace(Optional.of(Path.of("/opt/md/bin/mem_daemon")));

            String ours = CronLine.check(Path.of("/opt/md/bin/mem_daemon"), layout.paths().defaultLogFile(), 3);
            assertEquals("# before\n" + ours + "\n0 1 * * * after\n", user.crontabText());
            assertTrue(done.get(done.size() - 1).contains(legacy), done.toString());
        }
    }

    @Test
    void theInstalledLineRunsTheCheckerUnderCronsBareEnvironment() throws Exception {
        try (CronUser user = CronUser.create()) {
            user.tempHome().writeConfig("threshold 99\n");
            Path launcher = new ImageRun(user.runAs(), user.home()).launcher("mem_daemon");
            user.crontab().write(CrontabText.parse(OTHERS).withCheck(
                    CronLine.check(launcher, user.tempHome().log(), 5)));
            String line = user.crontab().read().checkLine().orElseThrow();

            Run.Result r = user.runAsCronWould(line);

            assertEquals(0, r.exitCode(), r.both());
            assertEquals("", r.both(), "everything goes to the log");
            String log = Files.readString(user.tempHome().log(), StandardCharsets.UTF_8);
            assertEquals(1, log.lines().count(), "one line, not echoed twice: " + log);
            assertTrue(log.matches("time=\\S+ level=info used=[0-9.]+% threshold=99% action=ok\\b.*\n"), log);
        }
    }
}
