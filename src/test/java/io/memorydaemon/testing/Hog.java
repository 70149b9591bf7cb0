// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A memory hog the test spawns itself ({@link Workload}: python3 holding the given MiB, touched, then sleeping).
 * It runs under a unique command name (a link to python3), so md.conf's {@code prefer}/{@code avoid} can name it;
 * optionally it ignores SIGTERM, to prove the SIGKILL escalation, or renames itself. A {@link #pool} is a
 * process group of workers.
 */
public final class Hog implements AutoCloseable {
    private final Process process;
    private final String name;
    private final Path dir;
    private final boolean ownsDir;
    private final List<Long> pids;
    private final int mib;

    private Hog(Process process, String name, Path dir, boolean ownsDir, List<Long> pids, int mib) {
        this.process = process;
        this.name = name;
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.pids = pids;
        this.mib = mib;
    }

    /**
     * A hog that is the largest process on the machine ({@link Dominance#hogMib}), as a runaway job is: a check
     * kills or warns about it only then. Its {@link #victimConfig} puts the threshold just under used RAM.
     */
    public static Hog dominant(RunAs user, boolean ignoreTerm) throws IOException, InterruptedException {
        return start(user, Dominance.hogMib(400), ignoreTerm);
    }

    /** As {@link #dominant(RunAs, boolean)}, its files in {@code dir}. */
    public static Hog dominant(RunAs user, Path dir, boolean ignoreTerm) throws IOException, InterruptedException {
        return start(user, dir, Dominance.hogMib(400), ignoreTerm);
    }

    /**
     * md.conf lines that make this hog a check's choice now: a threshold just under used RAM (the hog holds twice the
     * excess), and it the only process of its user's a check may choose ({@link #onlyCandidate}).
     */
    public String victimConfig() {
        return "threshold " + Dominance.thresholdUnder(mib) + "\n" + onlyCandidate();
    }

    /** The MiB it holds. */
    public int mib() {
        return mib;
    }

    /** Starts a hog in a temporary directory of its own, removed again by {@link #close()}. */
    public static Hog start(RunAs user, int mib, boolean ignoreTerm) throws IOException, InterruptedException {
        return start(user, Files.createTempDirectory("md-hog"), mib, ignoreTerm, true);
    }

    /**
     * Starts a hog as {@code user} and waits until its memory is touched.
     *
     * @param dir a directory the user can read (the script and launcher link go there)
     */
    public static Hog start(RunAs user, Path dir, int mib, boolean ignoreTerm) throws IOException, InterruptedException {
        return start(user, dir, mib, ignoreTerm, false);
    }

    private static Hog start(RunAs user, Path dir, int mib, boolean ignoreTerm, boolean ownsDir)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("hog", Integer.toString(mib)));
        if (ignoreTerm) {
            args.add("ignore-term");
        }
        return launch(user, dir, ownsDir, args, mib);
    }

    /** A hog that renames itself to {@code newName} (its kernel name, as {@code ps} and avoid/prefer see it). */
    public static Hog renamed(RunAs user, int mib, String newName) throws IOException, InterruptedException {
        return launch(user, Files.createTempDirectory("md-hog"), true,
                List.of("hog", Integer.toString(mib), "rename", newName), mib);
    }

    /** A hog that grows by {@code stepMib} every {@code everyMillis}, up to {@code maxMib}; it starts empty. */
    public static Hog growing(RunAs user, int stepMib, int everyMillis, int maxMib)
            throws IOException, InterruptedException {
        return launch(user, Files.createTempDirectory("md-hog"), true, List.of("grow", Integer.toString(stepMib),
                Integer.toString(everyMillis), Integer.toString(maxMib)), maxMib);
    }

    /**
     * A worker pool in a process group of its own: a master and {@code workers} workers of {@code mib} each; with
     * {@code respawn} the master forks a new worker for each that dies.
     */
    public static Hog pool(RunAs user, int workers, int mib, boolean respawn, boolean ignoreTerm)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("pool", Integer.toString(workers), Integer.toString(mib)));
        if (respawn) {
            args.add("respawn");
        }
        if (ignoreTerm) {
            args.add("ignore-term");
        }
        return launch(user, Files.createTempDirectory("md-pool"), true, args, workers * mib);
    }

    /** The command line a shell runs to start this workload in {@code dir} (made ready by {@link #prepare}). */
    public static List<String> command(Path dir, String name, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(dir.resolve(name).toString(), dir.resolve("workload.py").toString()));
        cmd.addAll(args);
        return cmd;
    }

    /** Writes the script and a uniquely named link to python3 into {@code dir}, owned by the user; the link's name. */
    public static String prepare(RunAs user, Path dir) throws IOException {
        String name = "mdhog" + Long.toHexString(System.nanoTime() & 0xffffff);
        Files.writeString(dir.resolve("workload.py"), Workload.SCRIPT);
        Files.createSymbolicLink(dir.resolve(name), Path.of("/usr/bin/python3").toRealPath());
        user.own(dir);
        return name;
    }

    private static Hog launch(RunAs user, Path dir, boolean ownsDir, List<String> args, int mib)
            throws IOException, InterruptedException {
        String name = prepare(user, dir);
        Process p = new ProcessBuilder(user.command(command(dir, name, args))).directory(dir.toFile())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder before = new StringBuilder();
        while ((line = out.readLine()) != null && !line.startsWith("ready")) {
            before.append(line).append('\n');
        }
        if (line == null) {
            throw new IllegalStateException("hog " + name + " exited before it was ready: " + p.waitFor() + "\n"
                    + before);
        }
        List<Long> pids = Arrays.stream(line.substring(6).split(" ")).map(Long::parseLong).toList();
        // keep draining so the hog never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException ignored) {
                // the hog is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new Hog(p, name, dir, ownsDir, pids, mib);
    }

    /** The hog's command name as the kernel shows it (the unique link name; the master's, for a pool). */
    public String name() {
        return name;
    }

    /** md.conf lines that make this hog the only process of the user's own a check may choose. */
    public String onlyCandidate() {
        return "prefer ^" + name + "$\navoid ^(?!" + name + "$)\n";
    }

    /** Where the hog's launcher link lies: {@code path().toString()} is its command line's first word. */
    public Path path() {
        return dir.resolve(name);
    }

    /** The pid of the hog (a pool's master). */
    public long pid() {
        return process.pid();
    }

    /** Every pid it started with: the master first, then its workers. */
    public List<Long> pids() {
        return pids;
    }

    /** Whether a hog that ignores SIGTERM was sent it (it leaves a mark). */
    public boolean termReceived() {
        return Files.exists(dir.resolve("got-term"));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether any process with one of its pids (the master, a worker) still runs; for a pool, its group too. */
    public boolean anyAlive() {
        return process.isAlive() || pids.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false)) || !Processes.inGroup(pid()).isEmpty();
    }

    /** Waits up to the given seconds for the hog to exit; its exit value, or -1 if still alive. */
    public int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        for (long pid : Processes.inGroup(pid())) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        if (ownsDir) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
