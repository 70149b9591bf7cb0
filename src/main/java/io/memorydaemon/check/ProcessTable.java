// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The processes alive on the machine. */
public interface ProcessTable {

    /** Every process, with only what the choice needs. */
    List<ProcessInfo> snapshot() throws IOException;

    /**
     * User name and command line of one process, or empty when it is gone. Cheap, as it runs between the choice
     * and the signal: a user only a slow lookup would name (LDAP) is given as the uid's number.
     */
    Optional<ProcessDetails> describe(ProcessInfo process);

    /** As {@link #describe}, for the report after the signal, where time does not matter. */
    default Optional<ProcessDetails> describeForReport(ProcessInfo process) {
        return describe(process);
    }

    /** The name of a user, by slow lookups too; for the report of a victim {@link #describe} gave a number. */
    default String userName(int uid) {
        return Integer.toString(uid);
    }

    /** The pid of this program and of each of its ancestors up to PID 1. */
    java.util.Set<Long> selfAndAncestors();

    /** The real user id this program runs as. */
    int currentUid();
}
