// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A memory hog inside a {@link SystemdContainer} (which has no JDK): a copy of the container's perl under a unique
 * name, so its command name and its executable are its own ({@code avoid}/{@code prefer} can single it out), that
 * fills and touches the given MiB and sleeps. Optionally it ignores SIGTERM and says so in a file, to prove that a
 * victim waiting out its grace was signalled.
 */
public record ContainerHog(SystemdContainer container, String name, long pid, String marker) {
    private static final String SCRIPT = """
            my ($mib, $marker, $stubborn) = @ARGV;
            if ($stubborn) {
                $SIG{TERM} = sub { open(my $f, '>>', "$marker.term"); print $f "TERM\\n"; close($f); };
            }
            # vec zero-fills the grown string, which touches every page (measured: RSS = MiB); "x" x N holds two copies
            my $fill = ""; vec($fill, $mib * 1024 * 1024 - 1, 8) = 1;
            open(my $r, '>', "$marker.tmp") or die; print $r "$$\\n"; close($r); rename("$marker.tmp", $marker);
            while (1) { sleep(600); }
            """;

    /** Starts a hog as {@code user} (outside any session, as a batch job) and waits until its memory is touched. */
    public static ContainerHog start(SystemdContainer c, String user, int mib, boolean ignoreTerm) throws Exception {
        String name = "mdhog" + Long.toHexString(System.nanoTime() & 0xffffffL);
        String exe = "/usr/local/bin/" + name;
        String marker = "/var/lib/md-it/" + name + ".pid";
        c.rootOk("cp", "/usr/bin/perl", exe);
        Files.writeString(c.file("/usr/local/lib/" + name + ".pl"), SCRIPT);
        c.rootOk("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--", "setsid", "-f", exe,
                "/usr/local/lib/" + name + ".pl", Integer.toString(mib), marker, ignoreTerm ? "1" : "");
        Path pidFile = c.file(marker);
        if (!SystemdContainer.await(Duration.ofSeconds(60), () -> Files.exists(pidFile))) {
            throw new AssertionError("hog " + name + " of " + user + " not ready within 60 s");
        }
        return new ContainerHog(c, name, Long.parseLong(Files.readString(pidFile).strip()), marker);
    }

    /** Whether the hog still runs (not a zombie: the container's init reaps it). */
    public boolean alive() throws Exception {
        return container.root("kill", "-0", Long.toString(pid)).exitCode() == 0
                && !container.root("ps", "-o", "stat=", "-p", Long.toString(pid)).stdout().strip().startsWith("Z");
    }

    /** Whether it received (and ignored) SIGTERM. */
    public boolean sawTerm() {
        return Files.exists(container.file(marker + ".term"));
    }
}
