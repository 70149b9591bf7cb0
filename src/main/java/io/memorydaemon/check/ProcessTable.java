// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The processes alive on the machine, as far as this user may see them. */
public interface ProcessTable {

    /** Every visible process, with only what the scan reads cheaply. */
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
    default String userName(long uid) {
        return Long.toString(uid);
    }

    /** The pid of this program and of each of its ancestors up to PID 1. */
    Set<Long> selfAndAncestors();

    /** The real user id this program runs as. */
    long currentUid();

    /**
     * The process's executable; empty when it cannot be read: another user's process (without CAP_SYS_PTRACE), a
     * process that made itself undumpable, a kernel thread, or one that is gone.
     */
    default Optional<Executable> executable(ProcessInfo process) {
        return Optional.empty();
    }

    /** This program's own executable (its bundled java), to know its other checks and watchers by. */
    default Optional<Executable> ownExecutable() {
        return Optional.empty();
    }

    /**
     * The process's resident file-backed pages ({@code RssFile} of {@code status}: its program, libraries and mapped
     * files, mostly shared and reclaimable), readable for every visible process; empty when it is gone. Where PSS
     * cannot be read, a job counts these once rather than once per member.
     */
    default OptionalLong fileBytes(ProcessInfo process) {
        return OptionalLong.empty();
    }

    /**
     * Proportional set size (shared pages divided among the processes sharing them), where the process may be read;
     * a few reads of {@code smaps_rollup}, for the largest candidates only.
     */
    default OptionalLong pssBytes(ProcessInfo process) {
        return OptionalLong.empty();
    }

    /**
     * The cgroup of each process that a user's service manager runs ({@code …/user@UID.service/…}), by pid; others
     * are not listed. Read from the cgroup tree, not per process.
     */
    default Map<Long, String> userManagerCgroups() {
        return Map.of();
    }

    /** Whether other users' processes are hidden from this table ({@code /proc} mounted with {@code hidepid}). */
    default boolean othersHidden() {
        return false;
    }
}
