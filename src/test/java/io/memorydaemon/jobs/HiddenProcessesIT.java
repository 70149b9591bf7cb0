// SPDX-License-Identifier: MIT
package io.memorydaemon.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Dominance;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's check under a /proc mounted {@code hidepid=2} (a private mount in a mount namespace of the test's own):
 * another user's large process dominates but cannot be seen, and the user's own smaller process must live.
 */
class HiddenProcessesIT {

    @Test
    void underHidepidTheUsersSmallProcessLivesWhileAnotherUsersLargeOneDominates() throws Exception {
        Root.assume("mount a private /proc with hidepid=2 in a mount namespace");
        RunAs user = RunAs.numeric(2_000_002);
        int mib = Dominance.hogMib(800);
        try (TempHome home = new TempHome(user);
             Hog theirs = Hog.start(RunAs.numeric(2_000_003), mib, false);
             Hog mine = Hog.start(user, 300, false)) {
            home.writeConfig("threshold " + Dominance.thresholdUnder(mib) + "\ngrace 1\n");
            String image = Path.of(System.getProperty("md.image", "target/image")).toAbsolutePath().toString();

            Run.Result check = hidden(user, home, image + "/bin/mem_daemon check");
            Run.Result status = hidden(user, home, image + "/bin/md_wizard status");

            assertEquals(0, check.exitCode(), check.both());
            String log = home.readLog();
            assertTrue(log.contains(" action=warned reason=hidden pid=" + mine.pid() + " "), log);
            assertTrue(mine.isAlive(), "the user's own process lives");
            assertTrue(theirs.isAlive(), "and the other user's, which no user may kill");
            assertTrue(status.stdout().contains("hidden:    other users' processes are hidden from you"), status.both());
        }
    }

    /** {@code command} as {@code user} under a private /proc mounted hidepid=2. */
    private static Run.Result hidden(RunAs user, TempHome home, String command) throws Exception {
        List<String> inner = new ArrayList<>(List.of("setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(),
                "--clear-groups", "env", "-i", "HOME=" + home.home(), "PATH=/usr/bin:/bin", "LANG=C.UTF-8"));
        inner.add("sh");
        inner.add("-c");
        inner.add(command + " </dev/null");
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t proc -o hidepid=2 proc /proc && exec \"$@\"", "sh"));
        cmd.addAll(inner);
        return Run.of(cmd).go();
    }
}
