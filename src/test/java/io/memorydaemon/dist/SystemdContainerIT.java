// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.ContainerHog;
import io.memorydaemon.testing.HostLock;
import io.memorydaemon.testing.HostMemory;
import io.memorydaemon.testing.MailServer;
import io.memorydaemon.testing.Run;
import io.memorydaemon.testing.SystemdContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The .deb under a real systemd: a Debian bookworm container booted with systemd as PID 1 (systemd-nspawn, see
 * {@link SystemdContainer}), the package installed in it with dpkg. The system unit kills an ordinary user's hog and
 * not root's, and a stop while a victim waits out its grace ends within the stop timeout and keeps the notice; a bad
 * md.conf leaves the unit failed with an error-priority line, not restarting, while a crash restarts it; a lingering
 * user's watcher from {@code md_wizard watch} comes back after a reboot, and {@code md_wizard uninstall} removes it.
 */
class SystemdContainerIT {
    private static final String CONF = "/etc/memory-daemon/md.conf";
    private static final String UNIT = "memory-daemon";
    private static final int USER_HOG_MIB = 1024;
    /** Smaller than the user's: the largest consumer decides, and a larger root process would spare everybody. */
    private static final int ROOT_HOG_MIB = 512;

    @Test
    void theUnitKillsAUsersHogNotRootsAndAStopDuringGraceEndsTheKillAndKeepsTheNotice() throws Exception {
        try (SystemdContainer c = bootWithPackage(); HostLock hogs = HostLock.take()) {
            c.rootOk("useradd", "-m", "alice");
            ContainerHog rootHog = ContainerHog.start(c, "root", ROOT_HOG_MIB, false);
            ContainerHog userHog = ContainerHog.start(c, "alice", USER_HOG_MIB, false);
            // over the threshold by half the user's hog: its death brings RAM under again (the container's
            // /proc/meminfo is the host's)
            String threshold = String.format(Locale.ROOT, "%.3f",
                    HostMemory.settledUsedPercent() - HostMemory.percentOfRam(USER_HOG_MIB) / 2);
            // no mail server on that port: each notice stays in the outbox
            String mail = "receiver admin@example.test\nsender md@example.test\nsmtp 127.0.0.1\nport "
                    + MailServer.unusedPort() + "\ntls none\n";
            Files.writeString(c.file(CONF), "threshold " + threshold + "\ngrace 2\n" + mail);

            c.rootOk("systemctl", "enable", "--now", UNIT);
            assertEquals("enabled", c.root("systemctl", "is-enabled", UNIT).stdout().strip());
            assertTrue(SystemdContainer.await(Duration.ofSeconds(30), () -> !userHog.alive()),
                    "the user's hog lives:\n" + c.journal(UNIT, Optional.empty()));
            // the decision's line follows the signal
            assertTrue(SystemdContainer.await(Duration.ofSeconds(10), () -> c.journal(UNIT, Optional.empty()).lines()
                    .anyMatch(l -> l.contains("action=killed") && l.contains("pid=" + userHog.pid())
                            && l.contains("user=alice"))), c.journal(UNIT, Optional.empty()));
            String journal = c.journal(UNIT, Optional.empty());
            assertTrue(rootHog.alive(), "root's process is no candidate:\n" + journal);
            // where the kill does not bring RAM under again (a VM's balloon keeps what the victim freed), root's
            // process may be named in a warning; it is never signalled, and nobody else is killed in its place
            assertEquals(List.of(), journal.lines().filter(l -> l.contains("action=kill")
                    && !l.contains("pid=" + userHog.pid() + " ")).toList(), journal);
            assertFalse(journal.lines().anyMatch(l -> l.contains("pid=" + rootHog.pid() + " ")
                    && !l.contains("action=warned reason=system ")), journal);

            // a long grace, and a victim that ignores SIGTERM: the watcher is stopped while it waits. The threshold
            // goes under used RAM once the victim holds its memory (a VM's balloon can hand back what a new
            // process takes, so RAM need not rise by what it fills)
            Files.writeString(c.file(CONF), "threshold 99\ngrace 45\n" + mail);
            assertTrue(SystemdContainer.await(Duration.ofSeconds(15), () -> reloads(c) == 1), c.journal(UNIT,
                    Optional.empty()));
            ContainerHog stubborn = ContainerHog.start(c, "alice", USER_HOG_MIB, true);
            String graceThreshold = String.format(Locale.ROOT, "%.3f",
                    HostMemory.settledUsedPercent() - HostMemory.percentOfRam(USER_HOG_MIB) / 2);
            Files.writeString(c.file(CONF), "threshold " + graceThreshold + "\ngrace 45\n" + mail);
            assertTrue(SystemdContainer.await(Duration.ofSeconds(15), () -> reloads(c) == 2), c.journal(UNIT,
                    Optional.empty()));
            assertTrue(SystemdContainer.await(Duration.ofSeconds(30), stubborn::sawTerm),
                    "no SIGTERM for the stubborn hog:\n" + c.journal(UNIT, Optional.empty()));
            long stopStarted = System.nanoTime();
            c.rootOk("systemctl", "stop", UNIT);
            double stopSeconds = (System.nanoTime() - stopStarted) / 1e9;
            String stopped = c.journal(UNIT, Optional.empty());
            assertEquals("success", show(c, "Result"), "stopped within TimeoutStopSec, no SIGKILL by systemd:\n"
                    + stopped);
            assertTrue(stopSeconds < 90, "systemctl stop took " + stopSeconds + " s");
            assertTrue(SystemdContainer.await(Duration.ofSeconds(10), () -> !stubborn.alive()),
                    "a stop during the grace still ends the kill (SIGKILL); the victim lives:\n" + stopped);
            assertTrue(rootHog.alive());
            List<String> kept = outbox(c);
            assertTrue(kept.stream().anyMatch(m -> m.lines().anyMatch(l -> l.matches("\\s+" + stubborn.pid()
                    + "\\s+alice\\s.*"))),
                    "the stopped watcher's notice for pid " + stubborn.pid() + " is kept in the outbox; " + kept.size()
                            + " kept:\n" + stopped);
        }
    }

    @Test
    void aBadMdConfLeavesTheUnitFailedWithAnErrorLineAndNoRestartLoopWhileACrashRestartsIt() throws Exception {
        try (SystemdContainer c = bootWithPackage()) {
            Files.writeString(c.file(CONF), "threshold 150\n");
            c.root("systemctl", "enable", "--now", UNIT);
            assertTrue(SystemdContainer.await(Duration.ofSeconds(30), () -> show(c, "ActiveState").equals("failed")),
                    c.journal(UNIT, Optional.empty()));
            Thread.sleep(8_000); // longer than RestartSec=5s
            assertEquals("failed", show(c, "ActiveState"), "no restart on exit 2");
            assertEquals("0", show(c, "NRestarts"));
            assertEquals("2", show(c, "ExecMainStatus"));
            String errors = c.journal(UNIT, Optional.of("err"));
            assertTrue(errors.contains(CONF + ":1:") && errors.contains("threshold"),
                    "journalctl -p err says why:\n" + c.journal(UNIT, Optional.empty()));
            // the watcher's own lines: each with the priority it gave (the md.conf error at 3), none left to default
            String own = c.root("journalctl", "--no-pager", "-o", "json", "--output-fields=PRIORITY,MESSAGE",
                    "_SYSTEMD_UNIT=" + UNIT + ".service").stdout();
            assertTrue(own.lines().anyMatch(l -> l.contains("\"PRIORITY\":\"3\"") && l.contains("md.conf:1:")), own);

            Files.writeString(c.file(CONF), "threshold 99\n");
            c.rootOk("systemctl", "reset-failed", UNIT);
            c.rootOk("systemctl", "start", UNIT);
            assertTrue(SystemdContainer.await(Duration.ofSeconds(30), () -> c.journal(UNIT, Optional.empty())
                    .contains("watch=started")), c.journal(UNIT, Optional.empty()));
            String crashed = show(c, "MainPID");
            c.rootOk("systemctl", "kill", "-s", "KILL", UNIT);
            assertTrue(SystemdContainer.await(Duration.ofSeconds(20), () -> show(c, "NRestarts").equals("1")
                    && show(c, "ActiveState").equals("active")), "restarted after a crash:\n"
                    + c.journal(UNIT, Optional.empty()));
            assertNotEquals(crashed, show(c, "MainPID"));
        }
    }

    @Test
    void aLingeringUsersWatcherFromTheWizardComesBackAfterARebootAndUninstallRemovesIt() throws Exception {
        try (SystemdContainer c = bootWithPackage()) {
            c.rootOk("useradd", "-m", "bob");
            c.rootOk("loginctl", "enable-linger", "bob");
            Run.Result watch = c.session("bob", "md_wizard install && md_wizard watch");
            assertEquals(0, watch.exitCode(), watch.both());
            assertTrue(watch.stdout().contains("systemctl --user enable --now"), watch.both());
            assertEquals("active", c.session("bob", "systemctl --user is-active memory-daemon").stdout().strip());

            c.reboot();
            // no session opened: only lingering starts bob's systemd, and it the watcher
            assertTrue(SystemdContainer.await(Duration.ofSeconds(60), () -> watcherCgroup(c).isPresent()),
                    "bob's watcher is not back after the reboot:\n" + c.root("ps", "-eo", "user,pid,args").stdout());
            assertTrue(watcherCgroup(c).get().contains("/user@"), watcherCgroup(c).get());
            assertTrue(watcherCgroup(c).get().endsWith("/memory-daemon.service"), watcherCgroup(c).get());

            Run.Result uninstall = c.session("bob", "md_wizard uninstall -y");
            assertEquals(0, uninstall.exitCode(), uninstall.both());
            assertFalse(Files.exists(c.file("/home/bob/.config/systemd/user/memory-daemon.service")), uninstall.both());
            assertTrue(SystemdContainer.await(Duration.ofSeconds(20), () -> watcherCgroup(c).isEmpty()),
                    "the watcher still runs after uninstall");
            assertNotEquals(0, c.session("bob", "systemctl --user is-enabled memory-daemon").exitCode());
        }
    }

    @Test
    void aUsersSystemdRunScopeIsKilledWholeThroughItsCgroupAndTheUsersOtherProcessLives() throws Exception {
        try (SystemdContainer c = bootWithPackage(); HostLock hogs = HostLock.take()) {
            c.rootOk("useradd", "-m", "carol");
            c.rootOk("loginctl", "enable-linger", "carol");
            Files.writeString(c.file("/usr/local/lib/mdpool.pl"), POOL);
            // the session's pty hangs up when it ends: what must outlive it leaves it (setsid) or ignores the hang-up
            // a pool in a scope of its own, as `systemd-run --user --scope` starts a piece of work; all ignore SIGTERM,
            // so the kill must reach every process of the unit, the ones forked since included
            Run.Result started = c.session("carol", "setsid -f sh -c 'echo $$ > ~/innocent; exec sleep 600'"
                    + " < /dev/null > /dev/null 2>&1\n"
                    + "nohup systemd-run --user --scope --unit=mdpool perl /usr/local/lib/mdpool.pl 4 "
                    + POOL_WORKER_MIB + " ~/mdpool.ready < /dev/null > ~/mdpool.out 2>&1 &\n"
                    // the session ends only once the pool is in its scope and ready
                    + "i=0; while [ ! -e ~/mdpool.ready ] && [ $i -lt 300 ]; do sleep 0.2; i=$((i + 1)); done\n");
            assertEquals(0, started.exitCode(), started.both());
            // the container's /tmp is a tmpfs of its own: the files are in carol's home
            Path ready = c.file("/home/carol/mdpool.ready");
            assertTrue(SystemdContainer.await(Duration.ofSeconds(60), () -> Files.exists(ready)), () -> {
                try {
                    return "the pool is not ready: " + started.both() + Files.readString(c.file("/home/carol/mdpool.out"))
                            + c.root("ps", "-eo", "user,pid,pgid,args").stdout();
                } catch (Exception e) {
                    return "the pool is not ready: " + e;
                }
            });
            String scope = "/sys/fs/cgroup/unified/user.slice/user-" + c.rootOk("id", "-u", "carol").strip()
                    + ".slice/user@" + c.rootOk("id", "-u", "carol").strip() + ".service/app.slice/mdpool.scope";
            List<String> before = c.rootOk("cat", scope + "/cgroup.procs").lines().toList();
            assertEquals(5, before.size(), "the pool and its four workers in the scope: " + before);
            assertTrue(SystemdContainer.await(Duration.ofSeconds(10), () -> Files.exists(c.file("/home/carol/innocent"))));
            String innocent = Files.readString(c.file("/home/carol/innocent")).strip();
            // the host's RAM; the pool holds twice the excess
            String threshold = String.format(Locale.ROOT, "%.3f",
                    HostMemory.settledUsedPercent() - HostMemory.percentOfRam(4 * POOL_WORKER_MIB) / 2);
            Files.createDirectories(c.file("/home/carol/.config/mem_daemon"));
            Files.writeString(c.file("/home/carol/.config/mem_daemon/md.conf"), "threshold " + threshold + "\ngrace 1\n");
            c.rootOk("chown", "-R", "carol:carol", "/home/carol/.config");

            Run.Result check = c.session("carol", "mem_daemon check");

            String log = Files.readString(c.file("/home/carol/.config/mem_daemon/tmp.log"));
            assertEquals(0, check.exitCode(), check.both() + log);
            assertTrue(log.contains(" action=killed-sigkill ") && log.contains(" job=cgroup:") && log.contains(
                    "/app.slice/mdpool.scope procs=5 "), log);
            assertTrue(SystemdContainer.await(Duration.ofSeconds(10), () -> !Files.exists(c.file(scope))
                    || c.rootOk("cat", scope + "/cgroup.procs").isBlank()), "the whole scope is gone: " + log);
            assertEquals(0, c.root("kill", "-0", innocent).exitCode(), "carol's process outside the scope lives");
        }
    }

    private static final int POOL_WORKER_MIB = 256;
    /** A pool of perl workers that ignore SIGTERM, the master forking a new one for each that dies. */
    private static final String POOL = """
            my ($n, $mib, $ready) = @ARGV;
            $SIG{TERM} = 'IGNORE';
            $SIG{HUP} = 'IGNORE';
            sub worker {
                my $pid = fork();
                if ($pid == 0) { my $fill = ""; vec($fill, $mib * 1024 * 1024 - 1, 8) = 1; sleep(600) while 1; }
                return $pid;
            }
            worker() for 1 .. $n;
            sleep(2);
            open(my $f, '>', $ready); close($f);
            while (1) { wait(); worker(); }
            """;

    /** A booted container with the .deb installed (dpkg -i), as an admin installs it. */
    static SystemdContainer bootWithPackage() throws Exception {
        SystemdContainer c = SystemdContainer.boot();
        try {
            PackagesIT.ensureBuilt(PackagesIT.DEB, "deb");
            Files.copy(PackagesIT.DEB, c.file("/root/memory-daemon.deb"));
            String installed = c.rootOk("dpkg", "-i", "/root/memory-daemon.deb");
            assertTrue(installed.contains("systemctl enable --now memory-daemon"), installed);
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private static String show(SystemdContainer c, String property) throws Exception {
        return c.rootOk("systemctl", "show", "-p", property, "--value", UNIT).strip();
    }

    /** The notices kept in the system watcher's outbox. */
    private static List<String> outbox(SystemdContainer c) throws Exception {
        Path dir = c.file("/var/lib/memory-daemon/outbox");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".eml")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /** The cgroup of bob's running watcher ({@code mem_daemon watch}), if one runs. */
    private static Optional<String> watcherCgroup(SystemdContainer c) throws Exception {
        String pid = c.root("pgrep", "-u", "bob", "-f", "io.memorydaemon/.* watch").stdout().strip();
        if (pid.isEmpty() || pid.contains("\n")) {
            return Optional.empty();
        }
        return c.root("cat", "/proc/" + pid + "/cgroup").stdout().lines().filter(l -> l.startsWith("0::"))
                .map(l -> l.substring(3)).findFirst();
    }

    /** How often the watcher has reloaded md.conf, by its journal. */
    private static long reloads(SystemdContainer c) throws IOException, InterruptedException {
        return c.journal(UNIT, Optional.empty()).lines().filter(l -> l.contains("watch=reloaded")).count();
    }

}
