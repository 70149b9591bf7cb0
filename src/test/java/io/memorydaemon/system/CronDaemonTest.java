// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cron daemon as an ordinary user finds it, in a /proc tree of the test's making (as earlyoom's tests do). */
class CronDaemonTest {
    @TempDir
    Path proc;
    @TempDir
    Path run;

    private void process(long pid, String comm, String... argv) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("cmdline"), String.join("\0", argv) + "\0", StandardCharsets.UTF_8);
    }

    private void mounts(String options) throws IOException {
        Files.writeString(proc.resolve("mounts"), "sysfs /sys sysfs rw 0 0\nproc " + proc + " proc " + options + " 0 0\n");
    }

    private CronDaemon.Finding find() {
        return new CronDaemon(proc, List.of(run.resolve("crond.pid"))).find();
    }

    @Test
    void eachKnownDaemonIsFoundByItsNameOrAsBusyboxsApplet() throws IOException {
        process(1, "systemd", "/sbin/init");
        mounts("rw,relatime");
        for (String[] daemon : List.of(new String[] {"cron", "/usr/sbin/cron", "-f"}, new String[] {"crond", "/usr/sbin/crond", "-n"},
                new String[] {"fcron", "/usr/sbin/fcron"}, new String[] {"busybox", "/bin/busybox", "crond", "-f"})) {
            process(612, daemon[0], java.util.Arrays.copyOfRange(daemon, 1, daemon.length));
            CronDaemon.Finding f = find();
            assertEquals(CronDaemon.State.RUNNING, f.state(), daemon[0]);
            assertEquals((daemon[0].equals("busybox") ? "busybox crond" : daemon[0]) + " (pid 612)", f.evidence());
        }
    }

    @Test
    void withoutOneItIsNotRunningEvenIfAPidFileWasLeftBehind() throws IOException {
        process(1, "systemd", "/sbin/init");
        process(700, "crontab", "crontab", "-e");
        process(701, "busybox", "/bin/busybox", "sh", "crond");
        process(702, "anacron", "/usr/sbin/anacron");
        Files.writeString(run.resolve("crond.pid"), "612\n");
        mounts("rw,relatime");

        CronDaemon.Finding f = find();

        assertEquals(CronDaemon.State.NOT_RUNNING, f.state());
        assertEquals("no cron, crond or fcron process in " + proc, f.evidence());
    }

    @Test
    void underHidepidAPidFileStandsInAndWithoutOneItCannotTell() throws IOException {
        process(4242, "bash", "-bash");
        mounts("rw,nosuid,nodev,noexec,relatime,hidepid=invisible");

        assertEquals(CronDaemon.State.UNKNOWN, find().state(), "root's processes are hidden, pid 1's too");

        Files.writeString(run.resolve("crond.pid"), "612\n");
        CronDaemon.Finding f = find();
        assertEquals(CronDaemon.State.RUNNING, f.state());
        assertEquals(run.resolve("crond.pid") + " (its process is hidden from you by hidepid)", f.evidence());
    }

    @Test
    void hidepidOffHidesNothing() throws IOException {
        process(1, "init", "/sbin/init");
        mounts("rw,hidepid=0");
        assertEquals(CronDaemon.State.NOT_RUNNING, find().state());
    }
}
