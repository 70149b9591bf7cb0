// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memorydaemon.schedule.CronUser;
import io.memorydaemon.testing.Await;
import io.memorydaemon.testing.Dominance;
import io.memorydaemon.testing.Hog;
import io.memorydaemon.testing.HostLock;
import io.memorydaemon.testing.Root;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The system watcher without systemd (no systemd PID 1 here): started by root, {@code mem_daemon watch --system}
 * becomes what memory-daemon.service makes it (the service user, CAP_KILL and CAP_SYS_PTRACE only, its own state
 * directory); started as the service user without CAP_KILL, it says so at once and each failed kill says why.
 */
class SystemWatcherAnyInitIT {
    private static final String SBIN = "/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Path STATE = Path.of("/var/lib/memory-daemon");

    private Path dir;
    private PackageScratch scratch;

    @BeforeEach
    void setUp() throws Exception {
        scratch = PackageScratch.open("md-anyinit");
        dir = scratch.dir();
    }

    @AfterEach
    void restore() throws Exception {
        scratch.close();
    }

    @Test
    void rootWithoutSystemdBecomesTheServiceUserWithTheUnitsCapabilitiesOnlyAndMakesItsStateDirectory()
            throws Exception {
        Root.assume("install the .deb and start the system watcher as root");
        assumeTrue(PackagesIT.onPath("dpkg"), "no dpkg on this machine: the .deb cannot be installed here");
        PackagesIT.ensureBuilt(PackagesIT.DEB, "deb");
        try (HostLock machine = HostLock.take()) {
            if (!scratch.serviceUserExisted()) {
                // no service user yet: refused in one line that says what to run
                Run.Result refused = Run.of(Dist.TARGET.resolve("image/bin/mem_daemon").toString(), "watch",
                        "--system").env("PATH", SBIN).go();
                assertEquals(2, refused.exitCode(), refused.both());
                assertTrue(refused.stdout().matches("<3>[^\n]*useradd --system [^\n]* memory-daemon\"\n"),
                        refused.both());
            }
            Run.of("dpkg", "-i", PackagesIT.DEB.toString()).env("PATH", SBIN).ok();
            Shell.run("rm", "-rf", STATE.toString()); // systemd's StateDirectory= would make it; here no one has
            Path out = dir.resolve("journal.txt");
            Process watcher = new ProcessBuilder("env", "-i", "PATH=" + SBIN, "/usr/bin/mem_daemon", "watch",
                    "--system").redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                assertTrue(Await.until(Duration.ofSeconds(30), () -> Files.readString(out)
                        .contains("watch=started")), Files.readString(out));
                // the same process (exec, not a child): nothing of it stays root
                List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(watcher.pid()), "status"));
                String uid = Shell.run("id", "-u", "memory-daemon").strip();
                assertTrue(status.contains("Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid), status.toString());
                for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
                    assertTrue(status.contains(set + ":\t0000000000080020"), set + " is kill+sys_ptrace: " + status);
                }
                assertTrue(status.contains("NoNewPrivs:\t1"), status.toString());
                assertEquals("memory-daemon:memory-daemon 700", Shell.run("stat", "-c", "%U:%G %a", STATE.toString())
                        .strip());
            } finally {
                watcher.destroy();
                watcher.waitFor(30, TimeUnit.SECONDS);
            }
            String journal = Files.readString(out);
            assertEquals(143, watcher.exitValue(), journal);
            assertTrue(journal.lines().findFirst().orElseThrow().contains("watch=handing-over user=memory-daemon"),
                    journal);
            assertTrue(journal.lines().allMatch(l -> l.matches("<[0-7]>.*")), journal);
            assertTrue(journal.contains("lock=" + STATE.resolve("md.lock")), journal);
        }
    }

    @Test
    void theServiceUserWithoutCapKillSaysSoAtStartAndEachFailedKillSaysEperm() throws Exception {
        Root.assume("install the .deb and run the system watcher as its service user");
        assumeTrue(PackagesIT.onPath("dpkg"), "no dpkg on this machine: the .deb cannot be installed here");
        PackagesIT.ensureBuilt(PackagesIT.DEB, "deb");
        try (HostLock machine = HostLock.take(); CronUser alice = CronUser.create()) {
            Run.of("dpkg", "-i", PackagesIT.DEB.toString()).env("PATH", SBIN).ok();
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Path state = Files.createDirectories(dir.resolve("state"));
            Shell.run("chown", "root:memory-daemon", conf.toString());
            Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rwxr-x---"));
            Shell.run("chown", "memory-daemon:memory-daemon", state.toString());
            try (Hog hog = Hog.dominant(alice.runAs(), false)) {
                Path md = conf.resolve("md.conf");
                Files.writeString(md, "threshold " + Dominance.thresholdUnder(hog.mib()) + "\ngrace 1\n");
                Shell.run("chown", "root:memory-daemon", md.toString());
                Files.setPosixFilePermissions(md, PosixFilePermissions.fromString("rw-r-----"));
                Path out = dir.resolve("journal.txt");
                Process watcher = new ProcessBuilder(List.of("setpriv", "--reuid=memory-daemon",
                        "--regid=memory-daemon", "--init-groups", "--inh-caps=-all", "--ambient-caps=-all",
                        "--bounding-set=-all", "--no-new-privs", "--", "env", "-i", "PATH=/usr/bin:/bin",
                        "STATE_DIRECTORY=" + state, "/usr/bin/mem_daemon", "watch", "--system", "--config",
                        md.toString())).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                try {
                    assertTrue(Await.until(Duration.ofSeconds(30), () -> Files.readString(out)
                            .contains("action=kill-failed")), Files.readString(out));
                    assertTrue(hog.isAlive(), "without CAP_KILL the hog lives");
                } finally {
                    watcher.destroy();
                    watcher.waitFor(30, TimeUnit.SECONDS);
                }
                List<String> lines = Files.readAllLines(out);
                assertTrue(lines.get(0).startsWith("<3>") && lines.get(0).contains("without CAP_KILL")
                        && lines.get(0).contains("EPERM"), "the first line says it:\n" + String.join("\n", lines));
                assertTrue(lines.get(1).startsWith("<4>") && lines.get(1).contains("without CAP_SYS_PTRACE"),
                        String.join("\n", lines));
                List<String> failed = lines.stream().filter(l -> l.contains("action=kill-failed")).toList();
                assertTrue(failed.stream().allMatch(l -> l.startsWith("<3>") && l.contains("pid=" + hog.pid())
                        && l.contains("reason=\"EPERM: no CAP_KILL to signal uid " + alice.runAs().uid() + "\"")),
                        String.join("\n", lines));
            }
        }
    }
}
