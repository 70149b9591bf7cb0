// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.Locale;

/**
 * What a real run over the threshold would do, in a sentence a person reads ({@code md_wizard status} and
 * {@code md_wizard test}): the same rule as the run, from the same choice.
 */
public final class ChoiceText {
    private static final int COMMAND_MAX = 60;

    private ChoiceText() { }

    /** {@code pid 4242 (java, 512.0 MiB)} for a single process, {@code the job of pid 4242 (…, 3 processes, 1.2 GiB)}. */
    public static String who(JobReport job) {
        ProcessDetails main = job.main();
        String name = UntrustedText.escape(shortName(main.command()), COMMAND_MAX);
        String size = Units.bytes(job.job().memoryBytes());
        return job.processes() == 1 ? "pid " + main.pid() + " (" + name + ", " + size + ")"
                : "the job of pid " + main.pid() + " (" + name + "; " + NoticeText.kind(job.job()) + ", " + size
                + " in all)";
    }

    /** The processes of a job of several, one line each: {@code pid 4243 python3 300.0 MiB}. */
    public static java.util.List<String> members(JobReport job) {
        if (job.processes() == 1) {
            return java.util.List.of();
        }
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (ProcessDetails d : job.members()) {
            lines.add(String.format(Locale.ROOT, "pid %d %s %s", d.pid(), Units.bytes(d.rssBytes()),
                    UntrustedText.escape(d.command(), COMMAND_MAX)));
        }
        if (job.processes() > job.members().size()) {
            lines.add("… and " + (job.processes() - job.members().size()) + " more");
        }
        return lines;
    }

    /** What a real run over the threshold does with the job the choice names, and why. */
    public static String would(KillRule.Verdict verdict, JobReport job, long selfUid, Choice.Picture picture) {
        String who = who(job);
        String owner = UntrustedText.escape(job.user());
        return switch (verdict) {
            case KILL -> "A real run over the threshold would TERMINATE " + who + ", " + (selfUid == 0
                    ? "the largest job (you run as root with 'kill_as_root yes')" : "your own largest job")
                    + ", every process of it together, and mail a kill notice.";
            case WARN_ROOT -> "A real run over the threshold would only WARN about " + who
                    + (job.job().uid() == selfUid ? ", your own process:" : ":")
                    + " you run as root, and md.conf does not say 'kill_as_root yes'.";
            case WARN_OTHER_USER -> "A real run over the threshold would only WARN about " + who + ": it belongs to "
                    + owner + ", and memory-daemon never kills another user's process.";
            case WARN_SYSTEM -> "A real run over the threshold would kill nobody and tell the admin about " + who
                    + ": it is root's or a system user's.";
            case WARN_KEPT -> "A real run over the threshold would kill nobody: the largest consumer, " + who + ", is "
                    + job.job().kept().orElse("protected") + ", which is never killed.";
            case WARN_AVOIDED -> "A real run over the threshold would kill nobody: the largest consumer, " + who
                    + ", is protected by md.conf's avoid.";
            case WARN_TOO_SMALL -> "A real run over the threshold would only WARN about " + who + ", your largest job:"
                    + " it is neither half of the excess over the threshold nor a tenth of RAM, so killing it would"
                    + " not help; the memory is elsewhere (shared memory "
                    + Units.bytes(picture.shmemBytes()) + ", held by no visible process "
                    + Units.bytes(picture.unexplainedBytes()) + ").";
            case WARN_HIDDEN -> "A real run over the threshold would kill " + who + " only if it alone held the whole"
                    + " excess over the threshold: " + (picture.othersHidden()
                    ? "other users' processes are hidden from you (/proc is mounted with hidepid)"
                    : Units.bytes(picture.unexplainedBytes()) + " of used RAM is held by nothing you can see")
                    + ", and one of those may be what fills the RAM.";
        };
    }

    private static String shortName(String command) {
        String first = command.split("\\s+", 2)[0];
        return first.substring(first.lastIndexOf('/') + 1);
    }
}
