// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a pass tells after its signal: the jobs and the machine's largest processes described, its action named. */
final class PassReport {
    private static final int TOP = 5;

    private PassReport() { }

    /** A job described for the report after the signal (slow lookups allowed), as the notice lists it. */
    static JobReport describe(ProcessTable table, Job job) {
        List<ProcessDetails> members = new ArrayList<>();
        for (ProcessInfo p : job.members()) {
            if (members.size() == JobReport.SHOWN) {
                break;
            }
            table.describeForReport(p).ifPresent(members::add);
        }
        return new JobReport(job, members, table.userName(job.uid()));
    }

    /** The largest processes, as the mail lists them; the job's members as described before the signal. */
    static List<ProcessDetails> top(ProcessTable table, List<ProcessInfo> all, List<ProcessDetails> known) {
        List<ProcessDetails> top = new ArrayList<>();
        for (ProcessInfo p : all.stream().sorted(Job.LARGEST_FIRST).limit(TOP).toList()) {
            Optional<ProcessDetails> seen = known.stream().filter(d -> d.process().equals(p)).findFirst();
            if (seen.isPresent()) {
                top.add(seen.get());
            } else {
                table.describeForReport(p).ifPresent(top::add);
            }
        }
        return top;
    }

    /** The log's action for how a termination went. */
    static Action action(Signaller.Result result) {
        return switch (result) {
            case TERMINATED -> Action.KILLED;
            case KILLED -> Action.KILLED_SIGKILL;
            case GONE -> Action.GONE;
            case REFUSED_OTHER_USER, REFUSED_PID_REUSED -> Action.KILL_REFUSED;
            case FAILED -> Action.KILL_FAILED;
        };
    }
}
