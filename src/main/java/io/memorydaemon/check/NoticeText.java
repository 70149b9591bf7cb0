// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/** The sentences of a notice that say what was done and why: one per action and per reason not to kill. */
final class NoticeText {
    private NoticeText() { }

    /** {@code 4 minutes}, {@code 1 hour 5 minutes}, {@code 40 seconds}. */
    static String duration(java.time.Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = (s + 30) / 60;
        if (m < 60) {
            return m + (m == 1 ? " minute" : " minutes");
        }
        return m / 60 + (m / 60 == 1 ? " hour" : " hours") + (m % 60 == 0 ? "" : " " + m % 60
                + (m % 60 == 1 ? " minute" : " minutes"));
    }

    static String kind(Job job) {
        int n = job.members().size();
        String count = n == 1 ? "1 process" : n + " processes";
        return switch (job.kind()) {
            case CGROUP -> "the unit " + UntrustedText.escape(job.id().substring(job.id().lastIndexOf('/') + 1))
                    + " of the user's service manager (cgroup " + UntrustedText.escape(job.id()) + "), " + count;
            case PGROUP -> "process group " + job.id() + ", " + count;
            case PROCESS -> "one process";
        };
    }

    static String killed(Action action, JobReport job, java.util.Optional<String> failure) {
        String what = job.processes() == 1 ? "Your process below" : "Your job below (" + job.processes()
                + " processes, " + Units.bytes(job.job().memoryBytes()) + " in all)";
        return switch (action) {
            case KILLED -> what + " was sent SIGTERM and exited.";
            case KILLED_SIGKILL -> what + " ignored SIGTERM for the grace period and was killed with SIGKILL.";
            case GONE -> what + " exited by itself before it could be signalled.";
            case KILL_REFUSED -> what + " was chosen, but a last safety check refused to signal it (its owner or"
                    + " identity changed).";
            case KILL_FAILED -> what + " could not be terminated: " + failure.map(UntrustedText::escape)
                    .orElse("the kernel refused a signal") + ".";
            default -> what + " is the one a real run would have terminated (SIGTERM, then SIGKILL), every process"
                    + " of it together.";
        };
    }

    static String warning(Outcome o) {
        Outcome.Decision d = o.decision();
        JobReport job = d.job().orElseThrow();
        String user = UntrustedText.escape(job.user());
        String size = Units.bytes(job.job().memoryBytes());
        KillRule.Verdict verdict = d.verdict().orElse(KillRule.Verdict.WARN_OTHER_USER);
        return switch (verdict) {
            case WARN_OTHER_USER -> "The largest consumer of memory is the job below (" + size + "); it belongs to user '"
                    + user + "', and memory-daemon cannot and does not kill other users' processes. You may want to"
                    + " contact them or the administrator.";
            case WARN_ROOT -> "The largest consumer of memory is the job below (" + size + "). memory-daemon runs as"
                    + " root here and md.conf does not say 'kill_as_root yes', so it only warns.";
            case WARN_SYSTEM -> "The largest consumer of memory is the process below of " + (job.job().uid() == 0
                    ? "root" : "the system user '" + user + "'") + " (" + size + "). memory-daemon never kills"
                    + " root's or a system service's processes, nor an ordinary user's in its place: nobody was"
                    + " killed. Look at that process.";
            case WARN_KEPT -> "The largest consumer of memory is " + job.job().kept().orElse("protected") + " ("
                    + size + "), which memory-daemon never kills: nobody was killed.";
            case WARN_AVOIDED -> "The largest consumer of memory is the job below (" + size + "), which md.conf's"
                    + " 'avoid' protects: nobody was killed in its place.";
            case WARN_TOO_SMALL -> "Your largest job below holds " + size + ", which is neither half of the "
                    + Units.bytes(d.picture().excessBytes()) + " over the threshold nor a tenth of RAM: killing it"
                    + " would not bring the memory back, so nothing was killed." + where(d);
            case WARN_HIDDEN -> (d.picture().othersHidden()
                    ? "Other users' processes are hidden from memory-daemon here (/proc is mounted with hidepid)."
                    : Units.bytes(d.picture().unexplainedBytes()) + " of used RAM is held by nothing memory-daemon"
                    + " can see.") + " Your largest job below holds " + size + ", less than the "
                    + Units.bytes(d.picture().excessBytes()) + " over the threshold: a process you cannot see may"
                    + " be what fills the RAM, so nothing was killed. The administrator can see all processes.";
            case KILL -> "The job below would be terminated.";
        };
    }

    /** Where the memory is, when the user's own job is too small to matter. */
    private static String where(Outcome.Decision d) {
        StringBuilder b = new StringBuilder(" The memory is elsewhere:");
        d.largest().ifPresent(l -> b.append(" the largest consumer is ").append(l.job().memoryBytes() > 0
                ? Units.bytes(l.job().memoryBytes()) : "").append(" of user '").append(UntrustedText.escape(l.user()))
                .append("' (pid ").append(l.main().pid()).append(");"));
        if (d.picture().shmemBytes() > 0) {
            b.append(" shared memory (tmpfs, /dev/shm) holds ").append(Units.bytes(d.picture().shmemBytes()))
                    .append(" (files there are freed only when deleted);");
        }
        if (d.picture().unexplainedBytes() > 0) {
            b.append(" no visible process holds ").append(Units.bytes(d.picture().unexplainedBytes())).append(';');
        }
        return b.charAt(b.length() - 1) == ';' ? b.substring(0, b.length() - 1) + "." : "";
    }
}
