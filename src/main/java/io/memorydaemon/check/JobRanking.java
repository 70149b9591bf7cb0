// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The machine's memory consumers, largest first: jobs, and the processes that are never victims. Grouping the whole
 * table costs nothing beyond the scan (process groups and sessions are in {@code stat}, cgroups come from the cgroup
 * tree); what costs a file read per process (the executable, PSS) is read lazily, only for the groups that could be
 * next, and the executable only of the members {@link Infrastructure#mayBe} could be infrastructure. A group's RSS
 * sum bounds its refined size from above (PSS ≤ RSS, and taking out infrastructure only shrinks it), so refining in
 * the order of that bound yields the consumers in their true order, reading only the top few.
 */
public final class JobRanking {
    /** Files read for one decision at most; beyond, consumers come in the order of their RSS sum. */
    private static final int MAX_REFINED_PROCESSES = 4096;
    /** PSS is read for this many of a job's largest members (smaps_rollup costs the kernel a walk of the VMAs). */
    static final int PSS_SAMPLE = 32;

    private final ProcessTable table;
    private final Infrastructure infrastructure;
    private final Set<Long> protectedPids;
    private final Map<Long, String> cgroups;
    private final boolean groupJobs;
    private final PriorityQueue<Group> queue = new PriorityQueue<>((a, b) -> Long.compare(b.bound, a.bound));
    private final long visibleRssBytes;
    private int refinedProcesses;

    /**
     * @param groupJobs false for md.conf's {@code victim process}: every process is a job of its own
     */
    public JobRanking(ProcessTable table, List<ProcessInfo> processes, Infrastructure infrastructure,
                      Set<Long> protectedPids, boolean groupJobs) {
        this.table = table;
        this.infrastructure = infrastructure;
        this.protectedPids = protectedPids;
        this.groupJobs = groupJobs;
        this.cgroups = groupJobs ? table.userManagerCgroups() : Map.of();
        long rss = 0;
        List<ProcessInfo> live = new ArrayList<>(processes.size());
        for (ProcessInfo p : processes) {
            if (p.rssBytes() > 0) { // kernel threads and zombies hold nothing
                live.add(p);
                rss += p.rssBytes();
            }
        }
        this.visibleRssBytes = rss;
        group(live, groupJobs).forEach(queue::add);
    }

    /** The sum of the resident sets of every visible process (shared pages counted in each). */
    public long visibleRssBytes() {
        return visibleRssBytes;
    }

    /** The next largest consumer, or empty when every one was returned. */
    public Optional<Job> next() {
        while (!queue.isEmpty()) {
            Group g = queue.poll();
            if (g.job != null) {
                return Optional.of(g.job);
            }
            refine(g);
        }
        return Optional.empty();
    }

    /** An upper bound of the next consumer's memory; 0 when none is left. */
    public long nextBound() {
        Group g = queue.peek();
        return g == null ? 0 : g.bound;
    }

    /** Provisional groups: not yet split from their infrastructure, sized by their RSS sum. */
    private List<Group> group(List<ProcessInfo> processes, boolean useCgroups) {
        Map<String, List<ProcessInfo>> units = new LinkedHashMap<>();
        Map<Long, List<ProcessInfo>> pgroups = new HashMap<>();
        List<Group> out = new ArrayList<>();
        for (ProcessInfo p : processes) {
            Optional<String> unit = useCgroups
                    ? Optional.ofNullable(cgroups.get(p.pid())).flatMap(UserCgroups::workUnit) : Optional.empty();
            if (unit.isPresent()) {
                units.computeIfAbsent(unit.get(), k -> new ArrayList<>()).add(p);
            } else if (groupJobs && p.pgid() > 0 && p.pgid() != p.sid()) {
                pgroups.computeIfAbsent(p.pgid(), k -> new ArrayList<>()).add(p);
            } else {
                out.add(new Group(Job.Kind.PROCESS, Long.toString(p.pid()), List.of(p)));
            }
        }
        for (Map.Entry<String, List<ProcessInfo>> u : units.entrySet()) {
            long owner = UserCgroups.owner(u.getKey());
            if (u.getValue().stream().allMatch(p -> p.uid() == owner)) {
                out.add(new Group(Job.Kind.CGROUP, u.getKey(), u.getValue()));
            } else {
                out.addAll(group(u.getValue(), false)); // a setuid program inside: by process group instead
            }
        }
        for (Map.Entry<Long, List<ProcessInfo>> g : pgroups.entrySet()) {
            List<ProcessInfo> members = g.getValue();
            long uid = members.get(0).uid();
            if (members.size() > 1 && members.stream().allMatch(p -> p.uid() == uid)) {
                out.add(new Group(Job.Kind.PGROUP, Long.toString(g.getKey()), members));
            } else {
                members.forEach(p -> out.add(new Group(Job.Kind.PROCESS, Long.toString(p.pid()), List.of(p))));
            }
        }
        return out;
    }

    /** Takes the infrastructure out (each becomes a consumer of its own) and sizes the rest by PSS where readable. */
    private void refine(Group g) {
        boolean read = refinedProcesses < MAX_REFINED_PROCESSES;
        refinedProcesses += g.members.size();
        List<ProcessInfo> work = new ArrayList<>(g.members.size());
        for (ProcessInfo p : g.members) {
            Optional<Executable> exe = read && infrastructure.mayBe(p) ? table.executable(p) : Optional.empty();
            Optional<String> kept = protectedPids.contains(p.pid()) ? Optional.of("memory-daemon or what started it")
                    : infrastructure.kept(p, exe, Optional.ofNullable(cgroups.get(p.pid())));
            if (kept.isPresent()) {
                queue.add(new Group(job(Job.Kind.PROCESS, Long.toString(p.pid()), List.of(p), kept, read)));
            } else {
                work.add(p);
            }
        }
        if (work.isEmpty()) {
            return;
        }
        if (g.kind == Job.Kind.CGROUP && work.size() < g.members.size()) {
            // a unit holding infrastructure (a tmux server in a scope of its own) is not one job: never cgroup.kill it
            group(work, false).forEach(queue::add);
        } else {
            queue.add(new Group(job(g.kind, g.id, work, Optional.empty(), read)));
        }
    }

    /**
     * Sized by PSS where it can be read: of the {@link #PSS_SAMPLE} largest members; a larger job's other members are
     * counted at the share of their RSS the sampled ones' PSS had (a pool's workers are alike). Where PSS cannot be
     * read (another user's job), a job of several counts each sampled member's anonymous and shared-memory pages, and
     * its file-backed ones (program, libraries: the same files in a pool, and page cache the kernel can reclaim)
     * once, at the most any member holds, rather than once per member.
     */
    private Job job(Job.Kind kind, String id, List<ProcessInfo> members, Optional<String> kept, boolean read) {
        List<ProcessInfo> largest = members.stream().sorted(Job.LARGEST_FIRST).toList();
        long memory = 0;
        long sampledRss = 0;
        long sampledSize = 0;
        long filesOnce = 0;
        boolean allPss = read;
        for (int i = 0; i < largest.size(); i++) {
            ProcessInfo p = largest.get(i);
            long rss = p.rssBytes();
            if (read && i < PSS_SAMPLE) {
                OptionalLong pss = table.pssBytes(p);
                long size;
                if (pss.isPresent()) {
                    size = pss.getAsLong();
                    sampledRss += rss;
                    sampledSize += size;
                } else {
                    allPss = false;
                    OptionalLong file = members.size() > 1 ? table.fileBytes(p) : OptionalLong.empty();
                    long fileBytes = Math.min(rss, file.orElse(0));
                    filesOnce = Math.max(filesOnce, fileBytes);
                    size = rss - fileBytes;
                    if (file.isPresent()) {
                        sampledRss += rss;
                        sampledSize += size;
                    }
                }
                memory += size;
            } else if (i >= PSS_SAMPLE && sampledRss > 0) {
                memory += (long) ((double) rss * sampledSize / sampledRss);
            } else {
                allPss = false;
                memory += rss;
            }
        }
        return new Job(kind, id, members.get(0).uid(), members, memory + filesOnce, allPss, kept);
    }

    private static final class Group {
        final Job.Kind kind;
        final String id;
        final List<ProcessInfo> members;
        final long bound;
        final Job job;

        Group(Job.Kind kind, String id, List<ProcessInfo> members) {
            this.kind = kind;
            this.id = id;
            this.members = members;
            long sum = 0;
            for (ProcessInfo p : members) {
                sum += p.rssBytes();
            }
            this.bound = sum;
            this.job = null;
        }

        Group(Job job) {
            this.kind = job.kind();
            this.id = job.id();
            this.members = job.members();
            this.bound = job.memoryBytes();
            this.job = job;
        }
    }
}
