// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ./md_wizard in a fresh clone builds the distribution with Maven first, then runs the built wizard. */
class RootWizardIT {
    // The JVM's own -version ends the run before md_wizard's main: the test sees which runtime the script ran
    private static final String SHOW_HOME = "-XshowSettings:properties -version";
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
        Run.Result first = wizard().go();

        assertEquals(0, first.exitCode(), first.both());
        assertTrue(first.stderr().contains("md_wizard: building memory-daemon into target/image"), first.stderr());
        assertTrue(first.stderr().contains("BUILD SUCCESS"), "Maven's output is shown: " + first.stderr());
        String home = "md.home = " + clone.toRealPath().resolve("target/image");
        assertTrue(first.stderr().contains(home), first.stderr());

        Run.Result second = wizard().go();
        assertEquals(0, second.exitCode(), second.both());
        assertFalse(second.stderr().contains("building"), "up to date: no second build\n" + second.stderr());
        assertTrue(second.stderr().contains(home), second.stderr());
    }

    private Run wizard() {
        return Run.of(clone.resolve("md_wizard").toString()).env("HOME", System.getProperty("user.home"))
                .env("PATH", "/usr/local/bin:/usr/bin:/bin").env("MD_JAVA_OPTS", SHOW_HOME);
    }
}
