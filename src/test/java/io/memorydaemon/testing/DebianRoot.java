// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Debian bookworm root that boots with systemd, made by mmdebstrap (or debootstrap) from Debian's packages and kept
 * between runs in {@link #CACHE} (outside the clone), under a name that is a hash of what went into it: a new package
 * list makes a new root. The first run on a machine builds it (2-4 minutes, 220-260 MB); the next ones only check it is
 * there. To rebuild it: {@code rm -rf /var/cache/memory-daemon-it}.
 */
public final class DebianRoot {
    public static final Path CACHE = Path.of("/var/cache/memory-daemon-it");
    private static final String SUITE = "bookworm";
    private static final String VARIANT = "minbase";
    /**
     * systemd as PID 1 with logind (libpam-systemd, dbus) and machinectl for real user sessions; cron for the
     * wizard's crontab and the package's Recommends; procps for ps and pgrep. The .deb's own Depends (libc6, libgcc-s1,
     * libstdc++6, zlib1g) come with these. perl-base (essential) runs the hogs.
     */
    public static final List<String> PACKAGES = List.of("systemd", "systemd-sysv", "dbus", "libpam-systemd",
            "systemd-container", "cron", "procps", "libstdc++6", "zlib1g");
    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(15);
    private static final Pattern SOURCES_URI = Pattern.compile("(?m)^URIs:\\s*(\\S+)");
    private static final Pattern LIST_URI = Pattern.compile("(?m)^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+" + SUITE + "\\s");

    private DebianRoot() { }

    /** The root, built now if the cache lacks it; skips the test with the reason where it cannot be built. */
    public static Path ensure() throws IOException, InterruptedException {
        Path root = CACHE.resolve(SUITE + "-" + key());
        if (Files.isRegularFile(root.resolve("etc/debian_version"))) {
            return root;
        }
        Files.createDirectories(CACHE);
        // two test JVMs (two worktrees) build it once: the second waits for the first
        try (FileChannel channel = FileChannel.open(CACHE.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            if (Files.isRegularFile(root.resolve("etc/debian_version"))) {
                return root;
            }
            build(root);
        }
        return root;
    }

    private static void build(Path root) throws IOException, InterruptedException {
        boolean mmdebstrap = onPath("mmdebstrap");
        assumeTrue(mmdebstrap || onPath("debootstrap"), "neither mmdebstrap nor debootstrap to make the container's"
                + " Debian root (apt install mmdebstrap)");
        String mirror = mirror();
        assumeTrue(reachable(mirror), "the Debian mirror " + mirror + " does not answer; the container's root is"
                + " made from it once (then kept in " + CACHE + ")");
        Path partial = CACHE.resolve(root.getFileName() + ".partial");
        Shell.run("rm", "-rf", partial.toString());
        Path log = CACHE.resolve(root.getFileName() + ".log");
        // mmdebstrap is the faster (measured: 113 s against debootstrap's 178-236 s); dpkg need not fsync a tree
        // that is thrown away if the build stops half-way
        List<String> command = mmdebstrap
                ? List.of("mmdebstrap", "--variant=" + VARIANT, "--dpkgopt=force-unsafe-io",
                        "--include=" + String.join(",", PACKAGES), SUITE, partial.toString(), mirror)
                : List.of("debootstrap", "--variant=" + VARIANT, "--include=" + String.join(",", PACKAGES), SUITE,
                        partial.toString(), mirror);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(BUILD_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException(command.get(0) + " did not finish within " + BUILD_DEADLINE + "; see "
                    + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command.get(0) + " exited " + p.exitValue() + "; see " + log + ":\n"
                    + tail(log));
        }
        // each boot names itself; a root shared by all containers must not carry the host's name or one machine id
        Files.writeString(partial.resolve("etc/hostname"), "md-it\n");
        Files.writeString(partial.resolve("etc/machine-id"), "");
        Files.move(partial, root);
    }

    /** A hash of what makes the root: suite, variant, packages. */
    static String key() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((SUITE + " " + VARIANT + " "
                    + String.join(",", PACKAGES)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host's own Debian mirror (apt's sources), else deb.debian.org. */
    static String mirror() throws IOException {
        Path sources = Path.of("/etc/apt/sources.list.d/debian.sources");
        Path list = Path.of("/etc/apt/sources.list");
        Optional<String> found = Optional.empty();
        if (Files.isRegularFile(sources)) {
            Matcher m = SOURCES_URI.matcher(Files.readString(sources));
            found = m.find() ? Optional.of(m.group(1)) : found;
        }
        if (found.isEmpty() && Files.isRegularFile(list)) {
            Matcher m = LIST_URI.matcher(Files.readString(list));
            found = m.find() ? Optional.of(m.group(1)) : found;
        }
        return found.orElse("http://deb.debian.org/debian");
    }

    private static boolean reachable(String mirror) {
        try {
            HttpURLConnection head = (HttpURLConnection) URI.create(mirror.replaceAll("/+$", "") + "/dists/" + SUITE
                    + "/Release").toURL().openConnection();
            head.setRequestMethod("HEAD");
            head.setConnectTimeout(10_000);
            head.setReadTimeout(15_000);
            try {
                return head.getResponseCode() == 200;
            } finally {
                head.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    static boolean onPath(String tool) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }
}
