// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.Shell;
import io.memorydaemon.testing.TempHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The files {@code mem_daemon check} owns, from the linked image: a log that is a link is never written through,
 * whoever planted it, yet the check still protects the machine; and what a first check creates is private
 * whatever the umask. Every md.conf restricts the candidates to the test's own hog, as in {@link CheckImageIT}.
 */
class OwnedFilesImageIT {
    private static final int HOG_MIB = 100;
    private static final String THEIRS = "another user's file, writable by all\n";

    private final RunAs nobody = RunAs.nobody();
    private final RunAs root = RunAs.lookup("root");
    private final List<Path> made = new ArrayList<>();

    @BeforeEach
    void dirs() throws IOException {
        made.clear();
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Path dir : made) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void aLogLinkedToAnotherUsersFileIsLeftAloneAndTheHogIsStillKilled() throws Exception {
        Path victim = victim(root);
        try (TempHome home = new TempHome(nobody); Hog hog = Hog.start(nobody, tempDir("md-hog"), HOG_MIB, false)) {
            home.writeConfig(CheckImageIT.onlyVictim(hog));
            Files.createSymbolicLink(home.log(), victim);

            Run.Result r = new ImageRun(nobody, home.home()).run("mem_daemon", "check");

            assertTrue(hog.waitFor(10) >= 0, "a bad log must not stop the kill: " + r.both());
            assertEquals(THEIRS, Files.readString(victim), "the link's target is untouched");
            assertTrue(r.stderr().contains("memory-daemon: not writing the log: " + home.log() + " is a symbolic link:"
                    + " remove it, memory-daemon recreates it"), r.stderr());
            assertTrue(r.stdout().contains(" action=killed pid=" + hog.pid() + " user=nobody "), r.stdout());
            assertEquals(0, r.exitCode(), r.both());
        }
    }

    /** Without its lock a check cannot know that no other run acts on the same event: it fails and acts on nothing. */
    @Test
    void aLockThatIsALinkFailsTheCheckWithTheFixAndKillsNothing() throws Exception {
        Path victim = victim(root);
        try (TempHome home = new TempHome(nobody); Hog hog = Hog.start(nobody, tempDir("md-hog"), HOG_MIB, false)) {
            home.writeConfig(CheckImageIT.onlyVictim(hog));
            Path lock = home.configDir().resolve("md.lock");
            Files.createSymbolicLink(lock, victim);

            Run.Result r = new ImageRun(nobody, home.home()).run("mem_daemon", "check");

            assertEquals(1, r.exitCode(), r.both());
            String line = "memory-daemon: check failed: " + lock + " is a symbolic link: remove it, memory-daemon"
                    + " recreates it";
            assertEquals(line + "\n", r.stderr());
            assertTrue(home.readLog().contains(line + "\n"), home.readLog());
            assertEquals(THEIRS, Files.readString(victim), "the link's target is untouched");
            assertEquals(-1, hog.waitFor(1), "the hog is left running");
        }
    }

    /**
     * A run as root with log_file in a shared sticky directory like /tmp, where another user planted a link to a
     * file of root's. Where fs.protected_symlinks is 1 the kernel already refuses to follow it (here it is 0), but
     * not where the directory belongs to the link's owner.
     */
    @Test
    void aRootRunRefusesALinkAnotherUserPlantedInASharedStickyDirectory() throws Exception {
        Path shared = tempDir("md-shared");
        Shell.run("chmod", "1777", shared.toString());
        Path log = shared.resolve("x.log");
        Path rootsFile = victim(root);
        Files.setPosixFilePermissions(rootsFile, PosixFilePermissions.fromString("rw-r--r--"));
        Run.of("ln", "-s", rootsFile.toString(), log.toString()).as(nobody).ok();
        try (TempHome home = new TempHome(root)) {
            home.writeConfig("threshold 1\navoid .\nlog_file " + log + "\n");

            Run.Result r = new ImageRun(root, home.home()).asRoot().run("mem_daemon", "check");

            assertEquals(THEIRS, Files.readString(rootsFile), "root's file is untouched: " + r.both());
            assertTrue(r.stderr().contains(log + " is a symbolic link"), r.stderr());
            assertTrue(r.stderr().contains(" action=no-candidate") || r.stdout().contains(" action=no-candidate"),
                    "the decision is not lost with the log: " + r.both());
        }
    }

    @Test
    void whatAFirstCheckCreatesIsPrivateThoughTheUmaskIs022() throws Exception {
        Path home = tempDir("md-fresh-home");
        nobody.own(home);
        Path confDir = tempDir("md-conf");
        Path conf = confDir.resolve("md.conf");
        try (Hog theirs = Hog.start(root, tempDir("md-hog"), HOG_MIB, false)) {
            String settings = CheckImageIT.onlyVictim(theirs);
            writeConfig(conf, settings + MailServer.mailLines("owner@example.test", MailServer.PASSWORD,
                    MailServer.unusedPort(), "none"));

            Run.Result kept = checkUnderUmask022(home, conf);

            Path configDir = home.resolve(".config/mem_daemon");
            assertTrue(kept.stderr().contains("mail not sent"), "the warning is kept in the outbox: " + kept.both());
            Map<String, String> modes = modes(configDir);
            assertEquals("rwx------", modes.get("mem_daemon"), modes.toString());
            assertEquals("rwx------", modes.get("outbox"), modes.toString());
            assertTrue(modes.keySet().containsAll(List.of("md.lock", "tmp.log")), modes.toString());
            assertTrue(modes.keySet().stream().anyMatch(n -> n.endsWith(".eml")), modes.toString());
            assertPrivate(modes);

            try (MailServer server = MailServer.start(MailServer.Flavour.PLAIN)) {
                writeConfig(conf, settings + server.mailConfig("owner@example.test"));

                Run.Result sent = checkUnderUmask022(home, conf);

                assertEquals(0, sent.exitCode(), sent.both());
                modes = modes(configDir);
                assertEquals("rw-------", modes.get("warned.state"), "the sent warning is recorded: " + modes);
                assertFalse(modes.containsKey("warned.state.tmp"), modes.toString());
                assertPrivate(modes);
            }
            assertTrue(theirs.isAlive(), "another user's hog is only warned about");
        }
    }

    private Run.Result checkUnderUmask022(Path home, Path conf) throws Exception {
        String launcher = new ImageRun(nobody, home).launcher("mem_daemon").toString();
        return Run.of("sh", "-c", "umask 022; exec \"$0\" check --config \"$1\"", launcher, conf.toString())
                .as(nobody).env("HOME", home.toString()).env("PATH", "/usr/bin:/bin").go();
    }

    private void writeConfig(Path conf, String text) throws IOException {
        Files.writeString(conf, text);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        nobody.own(conf.getParent());
    }

    /** Every directory 0700 and every file 0600, as ls would list them. */
    private static void assertPrivate(Map<String, String> modes) {
        modes.forEach((name, mode) -> assertTrue(mode.equals("rwx------") || mode.equals("rw-------"),
                name + " is " + mode + " in " + modes));
    }

    /** File name to mode for everything under {@code dir}, itself included. */
    private static Map<String, String> modes(Path dir) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                modes.put(p.getFileName().toString(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return modes;
    }

    /** A file of {@code owner}'s that everyone may write, as a careless user's or a system file would be. */
    private Path victim(RunAs owner) throws IOException {
        Path dir = tempDir("md-victim");
        Path file = Files.writeString(dir.resolve("theirs.txt"), THEIRS);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        owner.own(dir);
        return file;
    }

    private Path tempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        made.add(dir);
        return dir;
    }
}
