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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A memory hog the test spawns itself: a JVM that allocates and touches the given MiB, then sleeps. It runs under
 * a unique command name (a symlink to the JDK's java), so md.conf's {@code prefer}/{@code avoid} can make it the
 * only possible victim; optionally it ignores SIGTERM, to prove the SIGKILL escalation.
 */
public final class Hog implements AutoCloseable {
    private static final String SOURCE = """
            public class MdHog {
                public static void main(String[] args) throws Exception {
                    if (args.length > 1 && args[1].equals("ignore-term")) {
                        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> System.out.println("ignored TERM"));
                    }
                    int mib = Integer.parseInt(args[0]);
                    byte[][] blocks = new byte[mib][];
                    for (int i = 0; i < mib; i++) {
                        blocks[i] = new byte[1 << 20];
                        for (int j = 0; j < blocks[i].length; j += 4096) {
                            blocks[i][j] = 1;
                        }
                    }
                    System.out.println("ready");
                    System.out.flush();
                    Thread.sleep(600_000);
                    System.out.println(blocks.length);
                }
            }
            """;

    private final Process process;
    private final String name;
    private final Path dir;
    private final boolean ownsDir;

    private Hog(Process process, String name, Path dir, boolean ownsDir) {
        this.process = process;
        this.name = name;
        this.dir = dir;
        this.ownsDir = ownsDir;
    }

    /** Starts a hog in a temporary directory of its own, removed again by {@link #close()}. */
    public static Hog start(RunAs user, int mib, boolean ignoreTerm) throws IOException, InterruptedException {
        return start(user, Files.createTempDirectory("md-hog"), mib, ignoreTerm, true);
    }

    /**
     * Starts a hog as {@code user} and waits until its memory is touched.
     *
     * @param dir a directory the user can read (the hog's source and launcher link go there)
     */
    public static Hog start(RunAs user, Path dir, int mib, boolean ignoreTerm) throws IOException, InterruptedException {
        return start(user, dir, mib, ignoreTerm, false);
    }

    private static Hog start(RunAs user, Path dir, int mib, boolean ignoreTerm, boolean ownsDir)
            throws IOException, InterruptedException {
        String name = "mdhog" + Long.toHexString(System.nanoTime() & 0xffffff);
        Files.writeString(dir.resolve("MdHog.java"), SOURCE);
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
        Path link = dir.resolve(name);
        Files.createSymbolicLink(link, javaBin);
        user.own(dir);
        // the serial collector with a small young generation: G1 stores each 1 MiB block as a humongous object in
        // two regions and ran out of heap past ~200 MiB; here the blocks fill the old generation, up to -Xmx
        List<String> cmd = new ArrayList<>(List.of(link.toString(), "-Xmx" + (mib + 256) + "m",
                "-XX:+UseSerialGC", "-Xmn16m", "-XX:+AlwaysPreTouch", "-Xms" + (mib + 64) + "m", "-XX:-UsePerfData",
                dir.resolve("MdHog.java").toString(), Integer.toString(mib)));
        if (ignoreTerm) {
            cmd.add("ignore-term");
        }
        Process p = new ProcessBuilder(user.command(cmd)).directory(dir.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder before = new StringBuilder();
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            before.append(line).append('\n'); // compiler output or JVM warnings
        }
        if (line == null) {
            throw new IllegalStateException("hog " + name + " exited before it was ready: " + p.waitFor() + "\n"
                    + before);
        }
        // keep draining so the hog never blocks on a full pipe ("ignored TERM")
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException ignored) {
                // the hog is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        return new Hog(p, name, dir, ownsDir);
    }

    /** The hog's command name as the kernel shows it (the unique link name). */
    public String name() {
        return name;
    }

    /** md.conf lines that make this hog the only process a check may choose (others' hogs run at the same time). */
    public String onlyCandidate() {
        return "prefer ^" + name + "$\navoid ^(?!" + name + "$)\n";
    }

    /** Where the hog's launcher link lies: {@code path().toString()} is its command line's first word. */
    public Path path() {
        return dir.resolve(name);
    }

    /** The pid of the hog JVM itself (setpriv execs it, so it is the spawned process). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to the given seconds for the hog to exit; its exit value, or -1 if still alive. */
    public int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException, IOException {
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
