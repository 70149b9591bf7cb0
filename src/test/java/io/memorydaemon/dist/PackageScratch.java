// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import io.memorydaemon.testing.HostLock;
import io.memorydaemon.testing.Run;
import java.nio.file.Path;

/**
 * What a test that installs the .deb on this host restores when it closes: the package purged if dpkg still knows
 * it, the service user removed unless it was there before, and the test's folder deleted.
 */
final class PackageScratch implements AutoCloseable {
    private final Path dir;
    private final boolean serviceUserExisted;
    private final HostLock host;

    private PackageScratch(Path dir, boolean serviceUserExisted, HostLock host) {
        this.dir = dir;
        this.serviceUserExisted = serviceUserExisted;
        this.host = host;
    }

    /** Notes whether the service user exists now, and makes a fresh folder named after {@code prefix}. */
    static PackageScratch open(String prefix) throws Exception {
        return new PackageScratch(Dist.tempDir(prefix), PackagesIT.serviceUserExists(), null);
    }

    /**
     * {@link #open}, holding the host's lock first until closed: another worktree's tests install the same package,
     * and dpkg, the service user and throw-away users are theirs too.
     */
    static PackageScratch openLocked(String prefix) throws Exception {
        HostLock host = HostLock.take();
        try {
            return new PackageScratch(Dist.tempDir(prefix), PackagesIT.serviceUserExists(), host);
        } catch (Exception | Error e) {
            host.close();
            throw e;
        }
    }

    /** The test's folder. */
    Path dir() {
        return dir;
    }

    /** Whether the service user existed before the test. */
    boolean serviceUserExisted() {
        return serviceUserExisted;
    }

    @Override
    public void close() throws Exception {
        try {
            if (!PackagesIT.debState().isEmpty()) {
                Run.of("dpkg", "--purge", "memory-daemon").env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").go();
            }
            PackagesIT.removeServiceUserUnless(serviceUserExisted);
        } finally {
            try {
                Dist.deleteTree(dir);
            } finally {
                if (host != null) {
                    host.close();
                }
            }
        }
    }
}
