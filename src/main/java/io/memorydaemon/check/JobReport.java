// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.List;

/**
 * A job as a notice shows it: its processes with their owners and command lines, read before the signal.
 *
 * @param members the largest members, described (at most {@link #SHOWN}); gone ones are left out
 * @param user    the owner's name
 */
public record JobReport(Job job, List<ProcessDetails> members, String user) {
    /** A notice lists this many processes of a job, then how many more. */
    public static final int SHOWN = 20;

    public JobReport {
        members = List.copyOf(members);
    }

    public int processes() {
        return job.members().size();
    }

    /** The process the log line names: the job's main process, described. */
    public ProcessDetails main() {
        ProcessInfo main = job.main();
        for (ProcessDetails d : members) {
            if (d.process().equals(main)) {
                return d;
            }
        }
        return members.isEmpty() ? new ProcessDetails(main, user, "") : members.get(0);
    }

    /** The job's largest members with their command lines, cheaply (this runs before the signal). */
    public static JobReport describe(ProcessTable table, Job job) {
        List<ProcessDetails> members = new java.util.ArrayList<>();
        for (ProcessInfo p : job.members()) {
            if (members.size() == SHOWN) {
                break;
            }
            table.describe(p).ifPresent(members::add);
        }
        String user = members.isEmpty() ? Long.toString(job.uid()) : members.get(0).user();
        return new JobReport(job, members, user);
    }

    public JobReport withUser(String name) {
        return new JobReport(job, members.stream().map(d -> d.withUser(name)).toList(), name);
    }
}
