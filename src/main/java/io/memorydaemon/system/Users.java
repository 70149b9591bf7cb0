// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import java.nio.file.Path;

/** The running user. */
final class Users {
    private Users() { }

    /** The real uid of this process, from /proc/self/status. */
    static int currentUid(Path proc) {
        return ProcStat.uids(proc, ProcessHandle.current().pid())
                .map(u -> u[0])
                .orElseThrow(() -> new IllegalStateException("cannot read the uid from " + proc + "/self/status"));
    }
}
