// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The processes alive on the machine. */
public interface ProcessTable {

    /** Every process, with only what the choice needs. */
    List<ProcessInfo> snapshot() throws IOException;

    /** User name and command line of one process, or empty when it is gone. */
    Optional<ProcessDetails> describe(ProcessInfo process);

    /** The pid of this program and of each of its ancestors up to PID 1. */
    java.util.Set<Long> selfAndAncestors();

    /** The real user id this program runs as. */
    int currentUid();
}
