// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.testing.SystemdContainer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What memory-daemon.service's sandbox lets through, tried from inside it under a real systemd (a booted container,
 * {@link SystemdContainer}): a drop-in runs a probe in place of the watcher, with every other line of the unit as
 * shipped. CAP_SYS_PTRACE reads another user's /proc/PID/exe and smaps_rollup; ptrace(2) and process_vm_readv, which
 * that capability would otherwise open, are refused by the system call filter.
 */
class SystemUnitSandboxIT {
    /** x86_64 system call numbers (perl's syscall takes numbers): ptrace, process_vm_readv; PTRACE_ATTACH is 16. */
    private static final String PROBE = """
            my $pid = $ARGV[0];
            open(my $s, '<', '/proc/self/status');
            for (<$s>) { print "<6>$1=$2\\n" if /^(CapEff|NoNewPrivs|Seccomp):\\s*(\\S+)/; }
            my $exe = readlink("/proc/$pid/exe");
            print "<6>exe=", (defined $exe ? $exe : "error:" . ($! + 0)), "\\n";
            my $read = open(my $m, '<', "/proc/$pid/smaps_rollup");
            print "<6>smaps_rollup=", ($read ? "read" : "error:" . ($! + 0)), "\\n";
            my $r = syscall(101, 16, $pid, 0, 0);
            print "<6>ptrace=", ($r == -1 ? "error:" . ($! + 0) : "attached"), "\\n";
            $r = syscall(310, $pid, 0, 0, 0, 0, 0);
            print "<6>process_vm_readv=", ($r == -1 ? "error:" . ($! + 0) : "allowed"), "\\n";
            """;

    @Test
    void theUnitGrantsKillAndSysPtraceButFiltersPtraceAndProcessVmReadv() throws Exception {
        try (SystemdContainer c = SystemdContainerIT.bootWithPackage()) {
            c.rootOk("useradd", "-m", "carol");
            c.rootOk("setpriv", "--reuid=carol", "--regid=carol", "--init-groups", "--", "setsid", "-f",
                    "/bin/sleep", "600");
            String pid = c.rootOk("pgrep", "-u", "carol", "-x", "sleep").strip();
            Files.writeString(c.file("/usr/local/lib/md-probe.pl"), PROBE);
            Files.createDirectories(c.file("/etc/systemd/system/memory-daemon.service.d"));
            Files.writeString(c.file("/etc/systemd/system/memory-daemon.service.d/probe.conf"),
                    "[Service]\nExecStart=\nExecStart=/usr/bin/perl /usr/local/lib/md-probe.pl " + pid + "\n");
            c.rootOk("systemctl", "daemon-reload");
            c.rootOk("systemctl", "start", "memory-daemon");
            assertTrue(SystemdContainer.await(Duration.ofSeconds(30), () -> c.journal("memory-daemon", Optional.empty())
                    .contains("process_vm_readv=")), c.journal("memory-daemon", Optional.empty()));
            String seen = c.journal("memory-daemon", Optional.empty());

            assertTrue(seen.contains("CapEff=0000000000080020\n"), "CAP_KILL and CAP_SYS_PTRACE only:\n" + seen);
            assertTrue(seen.contains("NoNewPrivs=1\n") && seen.contains("Seccomp=2\n"), seen);
            assertTrue(seen.contains("exe=/usr/bin/sleep\n"), "another user's executable is readable:\n" + seen);
            assertTrue(seen.contains("smaps_rollup=read\n"), seen);
            assertTrue(seen.contains("ptrace=error:1\n"), "ptrace(2) refused (EPERM by the filter):\n" + seen);
            assertTrue(seen.contains("process_vm_readv=error:1\n"), "process_vm_readv refused:\n" + seen);
            assertTrue(c.root("kill", "-0", pid).exitCode() == 0, "the probe's target lives");
        }
    }
}
