// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.ImageRun;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.Root;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The files {@code mem_daemon} owns, from the linked image: a log or lock that is a link is never written
 * through, whoever planted it, and a bad log does not stop the kill; what a first check creates is private
 * whatever the umask. Every md.conf restricts the candidates to the test's own hog, as in {@link CheckImageIT}.
 */
class OwnedFilesImageIT {
    private static final int HOG_MIB = 100;
    private static final String THEIRS = "another user's file, writable by all\n";

    private final RunAs user = RunAs.checkerUser();
    private final List<Path> made = new ArrayList<>();

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
        Path victim = victim();
        try (TempHome home = new TempHome(user); Hog hog = Hog.dominant(user, tempDir("md-hog"), false)) {
            home.writeConfig(CheckImageIT.onlyVictim(hog));
            Files.createSymbolicLink(home.log(), victim);

            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertTrue(hog.waitFor(10) >= 0, "a bad log must not stop the kill: " + r.both());
            assertEquals(THEIRS, Files.readString(victim), "the link's target is untouched");
            assertTrue(r.stderr().contains("memory-daemon: not writing the log: " + home.log() + " is a symbolic link:"
                    + " remove it, memory-daemon recreates it"), r.stderr());
            assertTrue(r.stdout().contains(" action=killed pid=" + hog.pid() + " user=" + user.user() + " "),
                    r.stdout());
            assertEquals(0, r.exitCode(), r.both());
        }
    }

    /** Without its lock a check cannot know that no other run acts on the same event: it fails and acts on nothing. */
    @Test
    void aLockThatIsALinkFailsTheCheckWithTheFixAndKillsNothing() throws Exception {
        Path victim = victim();
        try (TempHome home = new TempHome(user); Hog hog = Hog.dominant(user, tempDir("md-hog"), false)) {
            home.writeConfig(CheckImageIT.onlyVictim(hog));
            Path lock = home.configDir().resolve("md.lock");
            Files.createSymbolicLink(lock, victim);

            Run.Result r = new ImageRun(user, home.home()).run("mem_daemon", "check");

            assertEquals(1, r.exitCode(), r.both());
            String reason = "check failed: " + lock + " is a symbolic link: remove it, memory-daemon recreates it";
            assertEquals("memory-daemon: " + reason + "\n", r.stderr());
            assertTrue(home.readLog().contains(" level=error msg=\"" + reason + "\"\n"), home.readLog());
            assertEquals(THEIRS, Files.readString(victim), "the link's target is untouched");
            assertEquals(-1, hog.waitFor(1), "the hog is left running");
        }
    }

    /**
     * Root with log_file in a shared sticky directory like /tmp, where another user planted a link to a file of
     * root's: refused (md.conf's check refuses it first now; the run's own check stays as the second line), and
     * root's file is untouched. Here fs.protected_symlinks may be 0, as it was where this was found.
     */
    @Test
    void aRootCheckRefusesALinkAnotherUserPlantedInASharedStickyDirectory() throws Exception {
        Root.assume("run a check as root beside a link another user planted");
        Path shared = tempDir("md-shared");
        Shell.run("chmod", "1777", shared.toString());
        Path log = shared.resolve("x.log");
        Path rootsFile = victim();
        Run.of("ln", "-s", rootsFile.toString(), log.toString()).as(RunAs.lookup("nobody")).ok();
        try (TempHome home = new TempHome(RunAs.lookup("root"))) {
            home.writeConfig("threshold 1\navoid .\nlog_file " + log + "\n");

            Run.Result r = new ImageRun(user, home.home()).asRoot().run("mem_daemon", "check");

            assertEquals(THEIRS, Files.readString(rootsFile), "root's file is untouched: " + r.both());
            assertTrue(r.exitCode() != 0 && r.stderr().contains(log + " is a symbolic link"), r.both());
        }
    }

    /**
     * The defence for a link planted after md.conf was read: a root watcher whose log directory another user can
     * write by the time it logs again (a directory made world-writable later) does not follow the link.
     */
    @Test
    void aRootWatcherRefusesALinkPlantedAfterItStarted() throws Exception {
        Root.assume("run the watcher as root beside a link another user plants");
        Path shared = tempDir("md-shared");
        Path log = shared.resolve("x.log");
        Path rootsFile = victim();
        try (TempHome home = new TempHome(RunAs.lookup("root"))) {
            home.writeConfig("threshold 99\navoid .\nlog_file " + log + "\n");
            Path err = Files.createTempFile(shared, "watch", ".err");
            ProcessBuilder pb = new ProcessBuilder(new ImageRun(user, home.home()).launcher("mem_daemon").toString(),
                    "watch").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(Map.of("HOME", home.home().toString(), "PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"));
            Process watch = pb.start();
            try {
                assertTrue(await(log, "watch=started"), "the watcher did not start: " + Files.readString(err));
                Shell.run("chmod", "0777", shared.toString());
                Run.of("sh", "-c", "mv \"$0\" \"$0.old\" && ln -s \"$1\" \"$0\"", log.toString(), rootsFile.toString())
                        .as(RunAs.lookup("nobody")).ok();
            } finally {
                watch.destroy();
                assertTrue(watch.waitFor(60, TimeUnit.SECONDS), "the watcher stops on SIGTERM");
            }

            assertEquals(THEIRS, Files.readString(rootsFile), "root's file is untouched");
            assertTrue(Files.readString(err).contains("memory-daemon: not writing the log: " + log + " is a symbolic link:"
                    + " remove it, memory-daemon recreates it"), Files.readString(err));
        }
    }

    @Test
    void whatAFirstCheckCreatesIsPrivateThoughTheUmaskIs022() throws Exception {
        Path home = freshHome();
        Path conf = tempDir("md-conf").resolve("md.conf");
        try (Hog hog = Hog.dominant(user, tempDir("md-hog"), false)) {
            writeConfig(conf, CheckImageIT.onlyVictim(hog) + MailServer.mailLines("owner@example.test",
                    MailServer.PASSWORD, MailServer.unusedPort(), "none"));

            Run.Result r = checkUnderUmask022(home, conf);

            assertTrue(hog.waitFor(10) >= 0, r.both());
            assertTrue(r.stderr().contains("mail not sent"), "the notice is kept in the outbox: " + r.both());
            Map<String, String> modes = modes(home.resolve(".config/mem_daemon"));
            assertEquals("rwx------", modes.get("mem_daemon"), modes.toString());
            assertEquals("rwx------", modes.get("outbox"), modes.toString());
            assertTrue(modes.keySet().containsAll(List.of("md.lock", "tmp.log")), modes.toString());
            assertTrue(modes.keySet().stream().anyMatch(n -> n.endsWith(".eml")), modes.toString());
            assertPrivate(modes);
        }
    }

    @Test
    void theWarningStateIsPrivateThoughTheUmaskIs022() throws Exception {
        Root.assume("run another user's process to be warned about");
        Path home = freshHome();
        Path conf = tempDir("md-conf").resolve("md.conf");
        try (Hog theirs = Hog.dominant(RunAs.lookup("root"), tempDir("md-hog"), false);
             MailServer server = MailServer.start(MailServer.Flavour.PLAIN)) {
            writeConfig(conf, CheckImageIT.onlyVictim(theirs) + server.mailConfig("owner@example.test"));

            Run.Result r = checkUnderUmask022(home, conf);

            assertEquals(0, r.exitCode(), r.both());
            Map<String, String> modes = modes(home.resolve(".config/mem_daemon"));
            assertEquals("rw-------", modes.get("warned.state"), "the sent warning is recorded: " + modes);
            assertFalse(modes.containsKey("warned.state.tmp"), modes.toString());
            assertPrivate(modes);
            assertTrue(theirs.isAlive(), "another user's hog is only warned about");
        }
    }

    private Run.Result checkUnderUmask022(Path home, Path conf) throws Exception {
        String launcher = new ImageRun(user, home).launcher("mem_daemon").toString();
        return Run.of("sh", "-c", "umask 022; exec \"$0\" check --config \"$1\"", launcher, conf.toString())
                .as(user).env("HOME", home.toString()).env("PATH", "/usr/bin:/bin").go();
    }

    /** A home without ~/.config: the check makes what it needs. */
    private Path freshHome() throws IOException {
        Path home = tempDir("md-fresh-home");
        user.own(home);
        return home;
    }

    private void writeConfig(Path conf, String text) throws IOException {
        Files.writeString(conf, text);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        user.own(conf.getParent());
    }

    private static boolean await(Path file, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
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

    /** A file everyone may write, of root's when the tests run as root (else of the tests' own user). */
    private Path victim() throws IOException {
        Path file = Files.writeString(tempDir("md-victim").resolve("theirs.txt"), THEIRS);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        return file;
    }

    private Path tempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        made.add(dir);
        return dir;
    }
}
