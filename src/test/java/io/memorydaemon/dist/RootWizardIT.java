// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ./md_wizard in a fresh clone builds the distribution with Maven first, then runs the built wizard. */
class RootWizardIT {
    private Path dir;
    private Path clone;

    @BeforeEach
    void cloneTheProject() throws Exception {
        dir = Dist.tempDir("md-clone");
        clone = dir.resolve("memory-daemon");
        Run.of("git", "clone", "-q", Dist.PROJECT.toString(), clone.toString()).env("PATH", "/usr/bin:/bin").ok();
    }

    @AfterEach
    void clean() {
        Dist.deleteTree(dir);
    }

    @Test
    void buildsOnFirstUseWithMavensOutputThenRunsTheBuiltWizardWithoutRebuilding() throws Exception {
        Run.Result first = wizard("--version").go();

        assertEquals(0, first.exitCode(), first.both());
        assertTrue(first.stderr().contains("md_wizard: building memory-daemon into target/image"), first.stderr());
        assertTrue(first.stderr().contains("BUILD SUCCESS"), "Maven's output is shown: " + first.stderr());
        assertTrue(first.stdout().contains("memory-daemon " + Dist.VERSION + "\n"), first.both());
        assertTrue(first.stdout().contains("(" + clone.toRealPath().resolve("target/image") + ")"), first.both());

        Run.Result second = wizard().go();
        assertEquals(0, second.exitCode(), second.both());
        assertFalse(second.stderr().contains("building"), "up to date: no second build\n" + second.stderr());
        assertTrue(second.stdout().startsWith("1) Install memory daemon\n2) Edit md.conf\n"), second.both());
        assertTrue(second.stdout().endsWith("#? \n"), "the menu, then end of input leaves: " + second.stdout());
    }

    private Run wizard(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = clone.resolve("md_wizard").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        // a temporary HOME, so the built wizard never sees the user's own md.conf; Maven keeps the user's cache
        return Run.of(command).env("HOME", Files.createDirectories(dir.resolve("home")).toString())
                .env("MAVEN_USER_HOME", Path.of(System.getProperty("user.home"), ".m2").toString())
                .env("PATH", "/usr/local/bin:/usr/bin:/bin");
    }
}
