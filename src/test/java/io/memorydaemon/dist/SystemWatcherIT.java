// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.testing.Dominance;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.RunAs;
import io.memorydaemon.testing.Shell;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The system watcher the .deb ships: its unit passes {@code systemd-analyze verify} and the exposure bound; run as
 * the unit runs it (its user, CAP_KILL and CAP_SYS_PTRACE only, no new privileges; a real systemd runs it in
 * SystemdContainerIT, and SystemUnitSandboxIT tries its sandbox) it kills an ordinary user's hog, leaves a larger
 * root process alone and mails the admin and the owner; {@code dpkg -r} keeps
 * /etc/memory-daemon/md.conf. The .rpm holds the same files.
 */
class SystemWatcherIT {
    private static final String SBIN = "/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Path UNIT = Path.of("/lib/systemd/system/memory-daemon.service");
    private static final Path SYSTEM_CONF = Path.of("/etc/memory-daemon/md.conf");
    private static final double MAX_EXPOSURE = 4.0;
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for memory-daemon\\.service: "
            + "(\\d+(\\.\\d+)?)");
    private static final int ROOT_HOG_MIB = 200;
    /** The unit's AmbientCapabilities= and CapabilityBoundingSet=, in setpriv's words. */
    static final String UNIT_CAPS = "-all,+kill,+sys_ptrace";

    private Path dir;
    private PackageScratch scratch;

    @BeforeEach
    void setUp() throws Exception {
        scratch = PackageScratch.openLocked("md-system"); // the host lock too: dpkg is the host's
        dir = scratch.dir();
    }

    @AfterEach
    void restore() throws Exception {
        scratch.close();
    }

    @Test
    void debInstallsAHardenedDisabledUnitWhoseWatcherKillsAUsersHogNotRootsAndMailsTheAdmin() throws Exception {
        Root.assume("install the .deb with dpkg and run the system watcher as its service user");
        assumeTrue(PackagesIT.onPath("dpkg"), "no dpkg on this machine: the .deb cannot be installed here");
        assumeTrue(PackagesIT.onPath("systemd-analyze"), "no systemd-analyze on this machine");
        PackagesIT.ensureBuilt(PackagesIT.DEB, "deb");

        Run.Result install = Run.of("dpkg", "-i", PackagesIT.DEB.toString()).env("PATH", SBIN).ok();
        assertTrue(install.stdout().contains("systemctl enable --now memory-daemon"), install.both());

        // the unit: valid, hardened, shipped disabled
        assertTrue(Files.isRegularFile(UNIT), UNIT + " installed");
        Run.Result verify = Run.of("systemd-analyze", "verify", UNIT.toString()).env("PATH", SBIN).go();
        assertEquals(0, verify.exitCode(), verify.both());
        assertEquals("", verify.stderr().strip(), "systemd-analyze verify has nothing to say");
        Run.Result security = Run.of("systemd-analyze", "security", "--offline=true", UNIT.toString())
                .env("PATH", SBIN).go();
        Matcher m = EXPOSURE.matcher(security.stdout());
        assertTrue(m.find(), security.both());
        double exposure = Double.parseDouble(m.group(1));
        assertTrue(exposure <= MAX_EXPOSURE, "exposure " + exposure + " > " + MAX_EXPOSURE + ":\n" + security.stdout());
        assertFalse(Files.exists(Path.of("/etc/systemd/system/multi-user.target.wants/memory-daemon.service"),
                LinkOption.NOFOLLOW_LINKS), "not enabled by the package");

        // md.conf: root's, readable by the service's group only (it may hold an SMTP password)
        assertEquals("root:memory-daemon 640", statOwnerMode(SYSTEM_CONF));
        String shipped = Files.readString(SYSTEM_CONF);
        assertTrue(shipped.contains("threshold 90"), shipped);

        watcherKillsTheUsersHogOnly();

        Run.of("dpkg", "-r", "memory-daemon").env("PATH", SBIN).ok();
        assertFalse(Files.exists(UNIT, LinkOption.NOFOLLOW_LINKS), "the unit goes with the package");
        assertFalse(Files.exists(Path.of("/usr/bin/mem_daemon"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(Path.of("/opt/memory-daemon")));
        assertEquals(shipped, Files.readString(SYSTEM_CONF), "dpkg -r keeps the conffile");
        assertEquals("rc", PackagesIT.debState());

        Run.of("dpkg", "--purge", "memory-daemon").env("PATH", SBIN).ok();
        assertFalse(Files.exists(SYSTEM_CONF), "dpkg --purge removes it");
    }

    /**
     * {@code mem_daemon watch --system} as the unit runs it: user memory-daemon, CAP_KILL and CAP_SYS_PTRACE only
     * (ambient, bounding),
     * no new privileges, state in $STATE_DIRECTORY; md.conf in a root-owned directory as the package makes it.
     */
    private void watcherKillsTheUsersHogOnly() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path state = Files.createDirectories(dir.resolve("state"));
        Shell.run("chown", "root:memory-daemon", conf.toString());
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rwxr-x---"));
        Shell.run("chown", "memory-daemon:memory-daemon", state.toString());
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        try (MailServer mail = MailServer.start(MailServer.Flavour.PLAIN);
             CronUser alice = CronUser.create();
             Hog rootHog = Hog.start(RunAs.lookup("root"), ROOT_HOG_MIB, false);
             Hog userHog = Hog.dominant(alice.runAs(), true)) {
            assertTrue(alice.runAs().uid() >= 1000, "useradd made an ordinary user: " + alice.runAs());
            // over the threshold now, by half the user's hog, the largest process on the machine
            String threshold = Dominance.thresholdUnder(userHog.mib());
            Path md = conf.resolve("md.conf");
            Files.writeString(md, "threshold " + threshold + "\n"
                    + "grace 2\nowner_domain example.test\n" + mail.mailConfig("admin@example.test"),
                    StandardCharsets.UTF_8);
            Shell.run("chown", "root:memory-daemon", md.toString());
            Files.setPosixFilePermissions(md, PosixFilePermissions.fromString("rw-r-----"));

            // a user's own watchdog keeps working beside it: its own lock, its own md.conf
            alice.tempHome().writeConfig("threshold 99\n");
            Path out = dir.resolve("journal.txt");
            long started = System.nanoTime();
            Process watcher = new ProcessBuilder(List.of("setpriv", "--reuid=memory-daemon", "--regid=memory-daemon",
                    "--init-groups", "--inh-caps=" + UNIT_CAPS, "--ambient-caps=" + UNIT_CAPS,
                    "--bounding-set=" + UNIT_CAPS,
                    "--no-new-privs", "--", "env", "-i", "PATH=/usr/bin:/bin", "STATE_DIRECTORY=" + state,
                    "/usr/bin/mem_daemon", "watch", "--system", "--config", md.toString()))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                int exit = userHog.waitFor(60);
                double seconds = (System.nanoTime() - started) / 1e9;
                String journal = Files.readString(out);
                assertEquals(137, exit, "the hog ignored SIGTERM, so SIGKILL after grace:\n" + journal);
                assertTrue(seconds < 30, "the hog died " + seconds + " s after the watcher started:\n" + journal);
                assertTrue(rootHog.isAlive(), "root's process is no candidate:\n" + journal);

                // one message per receiver: the admin, and the owner at owner_domain
                // polled: GreenMail's wait misses a mail that arrives while it starts waiting
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (mail.received().size() < 2 && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                List<MimeMessage> mails = mail.received();
                assertEquals(2, mails.size(), Files.readString(out));
                assertEquals(List.of("admin@example.test", alice.name() + "@example.test"),
                        Stream.of(mails.get(0).getAllRecipients()).map(Object::toString).toList());
                assertTrue(mails.get(0).getSubject().startsWith("[Process Termination Notification]"),
                        mails.get(0).getSubject());

                Run.Result check = Run.of("/usr/bin/mem_daemon", "check").as(alice.runAs())
                        .env(Map.of("HOME", alice.home().toString(), "PATH", "/usr/bin:/bin")).go();
                assertEquals(0, check.exitCode(), check.both());
                assertTrue(alice.tempHome().awaitLog("action=ok", 10), alice.tempHome().readLog());
            } finally {
                watcher.destroy();
                watcher.waitFor(30, TimeUnit.SECONDS);
                watcher.destroyForcibly();
            }
            String journal = Files.readString(out);
            assertTrue(journal.lines().anyMatch(l -> l.startsWith("<") && l.contains("action=killed-sigkill")
                    && l.contains("pid=" + userHog.pid()) && l.contains("user=" + alice.name())), journal);
            assertTrue(journal.lines().allMatch(l -> l.matches("<[0-7]>.*")), "a syslog priority on every line:\n"
                    + journal);
            assertFalse(journal.contains("pid=" + rootHog.pid()), journal);
            assertTrue(journal.contains("lock=" + state.resolve("md.lock")), journal);
            assertEquals(143, watcher.exitValue(), journal);
            assertTrue(rootHog.isAlive());
        }
    }

    @Test
    void rpmHoldsTheSameUnitAndMdConfAsAConfigFile() throws Exception {
        assumeTrue(PackagesIT.onPath("rpm"), "no rpm on this machine");
        PackagesIT.ensureBuilt(PackagesIT.RPM, "rpm");
        String rpm = PackagesIT.RPM.toString();
        List<String> files = Run.of("rpm", "-qpl", rpm).ok().stdout().lines().toList();
        assertTrue(files.contains("/usr/lib/systemd/system/memory-daemon.service"), files.size() + " files");
        assertTrue(files.contains("/etc/memory-daemon/md.conf"));
        assertTrue(files.contains("/opt/memory-daemon/share/memory-daemon/memory-daemon.service"));
        assertFalse(files.contains("/usr/lib/systemd/system"), "systemd owns its folder, not us");
        assertFalse(files.contains("/etc"), "the filesystem package owns /etc, not us");
        assertEquals(List.of("/etc/memory-daemon/md.conf"),
                Run.of("rpm", "-qpc", rpm).ok().stdout().lines().toList());
        String listing = Run.of("rpm", "-qplv", rpm).ok().stdout();
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("-rw-r-----") && l.contains("root")
                && l.contains("memory-d") && l.endsWith("/etc/memory-daemon/md.conf")), listing);
        String scripts = Run.of("rpm", "-qp", "--scripts", rpm).ok().stdout();
        assertTrue(scripts.contains("useradd -r -g memory-daemon"), scripts);
        assertFalse(scripts.contains("enable --now memory-daemon.service"), "never enabled by the package");
    }

    private static String statOwnerMode(Path p) throws Exception {
        return Run.of("stat", "-c", "%U:%G %a", p.toString()).env("PATH", SBIN).ok().stdout().strip();
    }
}
