// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.TempHome;
import org.junit.jupiter.api.Test;

/** The linked image, run as an ordinary user, kills that user's own hog. */
class ImageSmokeIT {

    @Test
    void killsTheUsersOwnHogFromTheLinkedImage() throws Exception {
        RunAs user = RunAs.checkerUser();
        try (TempHome home = new TempHome(user); Hog hog = Hog.dominant(user, false)) {
            home.writeConfig(hog.victimConfig() + "grace 5\n");

            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(hog.waitFor(10) >= 0, "the hog must be gone");
            String log = home.readLog();
            assertTrue(log.contains("action=killed pid=" + hog.pid() + " user=" + user.user()), log);
            assertTrue(log.contains("mail=off"), log);
        }
    }
}
