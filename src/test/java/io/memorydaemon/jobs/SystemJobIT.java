// SPDX-License-Identifier: MIT
package io.memorydaemon.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.Dominance;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.RunAs;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mem_daemon watch --system} from the linked image, run as its unit runs it (an unprivileged user with
 * CAP_KILL and CAP_SYS_PTRACE only), against jobs of users no passwd entry names: the largest consumer decides,
 * names cannot be forged, and uids above 2^31 are ordinary.
 */
class SystemJobIT {
    private static final long ALICE = 2_000_000;
    private static final long BOB = 2_000_001;

    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Root.assume("run the system watcher with capabilities and hogs of other uids");
        dir = Files.createTempDirectory("md-system-jobs");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The watcher as the unit runs it, until {@code done} holds for its journal (stdout) or 60 s pass. */
    private String watch(String mdConf, Predicate<String> done) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.setAttribute(state, "unix:uid", 65534);
        Path md = Files.writeString(conf.resolve("md.conf"), mdConf, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(md, PosixFilePermissions.fromString("rw-r--r--"));
        Path out = dir.resolve("journal.txt");
        Process watcher = new ProcessBuilder(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all,+kill,+sys_ptrace", "--ambient-caps=-all,+kill,+sys_ptrace",
                "--bounding-set=-all,+kill,+sys_ptrace", "--no-new-privs", "--", "env", "-i", "PATH=/usr/bin:/bin",
                "STATE_DIRECTORY=" + state, Path.of(System.getProperty("md.image", "target/image"), "bin", "mem_daemon")
                .toAbsolutePath().toString(), "watch", "--system", "--config", md.toString()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() - deadline < 0 && watcher.isAlive() && !done.test(Files.readString(out))) {
                Thread.sleep(100);
            }
        } finally {
            watcher.destroy();
            watcher.waitFor(30, TimeUnit.SECONDS);
            watcher.destroyForcibly();
        }
        return Files.readString(out);
    }

    @Test
    void withRootsProcessDominatingNobodyIsKilledAndTheAdminIsToldOnceWhichProcessItIs() throws Exception {
        int mib = Dominance.hogMib(600);
        try (MailServer mail = MailServer.start(MailServer.Flavour.PLAIN);
             Hog roots = Hog.start(RunAs.lookup("root"), mib, false);
             Hog alices = Hog.start(RunAs.numeric(ALICE), 300, false);
             Hog bobs = Hog.start(RunAs.numeric(BOB), 200, false)) {
            String journal = watch("threshold " + Dominance.thresholdUnder(mib) + "\nmin_uid 1000\ngrace 1\n"
                    + mail.mailConfig("admin@example.test"), j -> j.contains("action=warn-suppressed"));

            assertTrue(journal.contains(" action=warned reason=system pid=" + roots.pid() + " user=root "), journal);
            assertTrue(journal.contains("action=warn-suppressed"), "a second pass tells nobody again:\n" + journal);
            assertFalse(journal.contains("action=killed"), journal);
            assertTrue(alices.isAlive() && bobs.isAlive() && roots.isAlive(), "nobody is killed in root's place");
            List<MimeMessage> mails = mail.awaitMessages(1);
            assertEquals(1, mails.size());
            String body = mails.get(0).getContent().toString();
            assertTrue(body.contains(Long.toString(roots.pid())) && body.contains("root"), body);
        }
    }

    @Test
    void aHogRenamedToAnAvoidedNameIsStillKilledAndItsNeighbourLives() throws Exception {
        int mib = Dominance.hogMib(600);
        try (Hog sshd = Hog.renamed(RunAs.numeric(ALICE), mib, "sshd");
             Hog neighbour = Hog.start(RunAs.numeric(BOB), 200, false)) {
            String journal = watch("threshold " + Dominance.thresholdUnder(mib) + "\nmin_uid 1000\ngrace 1\n"
                    + "avoid ^/usr/sbin/sshd$\n", j -> j.contains("action=killed"));

            assertTrue(journal.contains(" action=killed pid=" + sshd.pid() + " user=" + ALICE + " "), journal);
            assertTrue(sshd.waitFor(10) >= 0, "the renamed hog died");
            assertTrue(neighbour.isAlive(), "the neighbour lives");
        }
    }

    @Test
    void aUserAbove2To31IsACandidate() throws Exception {
        int mib = Dominance.hogMib(600);
        try (Hog high = Hog.start(RunAs.numeric(3_000_000_000L), mib, false);
             Hog neighbour = Hog.start(RunAs.numeric(BOB), 200, false)) {
            String journal = watch("threshold " + Dominance.thresholdUnder(mib) + "\nmin_uid 1000\ngrace 1\n",
                    j -> j.contains("action=killed"));

            assertTrue(journal.contains(" action=killed pid=" + high.pid() + " user=3000000000 "), journal);
            assertTrue(high.waitFor(10) >= 0);
            assertTrue(neighbour.isAlive(), "the neighbour lives");
        }
    }
}
