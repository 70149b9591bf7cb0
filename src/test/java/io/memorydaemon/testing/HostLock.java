// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The machine-wide lock of the worktrees that test on one machine ({@code flock /tmp/md-host.lock}), held while a test
 * does what others must not meet halfway: large hogs that move the machine's used RAM, dpkg, the system user. It is
 * flock(2)'s lock, which Java's FileLock (fcntl) does not see, so a {@code flock} process holds it for the test. A
 * suite run whole under the lock ({@code flock /tmp/md-host.lock ./mvnw verify}) holds it already: taking it again
 * would wait for ever on itself, so then nothing is taken.
 */
public final class HostLock implements AutoCloseable {
    private static final String FILE = "/tmp/md-host.lock";
    /** Null when an ancestor holds the lock for this test. */
    private final Process holder;

    private HostLock(Process holder) {
        this.holder = holder;
    }

    /** Waits (at most 20 minutes: another worktree's whole suite) until the lock is this test's. */
    public static HostLock acquire() throws IOException {
        if (heldByAncestor()) {
            return new HostLock(null);
        }
        Process p = new ProcessBuilder("flock", "-w", "1200", FILE, "sh", "-c", "echo held; exec cat > /dev/null")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"held".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("flock " + FILE + " failed: " + line);
        }
        return new HostLock(p);
    }

    /** Releases it: cat sees the end of its input and exits, and flock with it. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (holder == null) {
            return;
        }
        holder.getOutputStream().close();
        if (!holder.waitFor(10, TimeUnit.SECONDS)) {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Whether /proc/locks shows a flock(2) lock on the file held by this process or one of its ancestors. */
    static boolean heldByAncestor() throws IOException {
        Path file = Path.of(FILE);
        if (!Files.exists(file)) {
            return false;
        }
        long inode = (long) Files.getAttribute(file, "unix:ino");
        Set<Long> holders = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            // "1: FLOCK  ADVISORY  WRITE 2155 fe:00:2146408 0 EOF"
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[1].equals("FLOCK") && f[5].endsWith(":" + inode)) {
                holders.add(Long.parseLong(f[4]));
            }
        }
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            if (holders.contains(p.get().pid())) {
                return true;
            }
        }
        return false;
    }
}
