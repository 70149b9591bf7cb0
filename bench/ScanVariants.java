// SPDX-License-Identifier: MIT
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ways to read pid, stat fields and uid of every process, timed in one JVM: the first pass is cold, as in a
 * cron check. Usage: javac -d /tmp/sv bench/ScanVariants.java; target/image/bin/java OPTIONS -cp /tmp/sv ScanVariants
 * {nio|status|stat} [passes]
 * with OPTIONS those of the launcher: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto.
 */
public class ScanVariants {
    private static final byte[] BUFFER = new byte[4096];

    public static void main(String[] args) throws IOException {
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        StringBuilder line = new StringBuilder(args[0]);
        for (int i = 0; i < passes; i++) {
            long t = System.nanoTime();
            long n = switch (args[0]) {
                case "nio" -> nio();
                case "status" -> status();
                default -> stat();
            };
            line.append(' ').append((System.nanoTime() - t) / 1_000_000).append(" ms (").append(n).append(')');
        }
        System.out.println(line);
    }

    /** Before: DirectoryStream, Files.readAllBytes(stat), Files.getAttribute(dir, "unix:uid"). */
    static long nio() throws IOException {
        long n = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.charAt(0) < '1' || name.charAt(0) > '9') {
                    continue;
                }
                try {
                    if (Files.readAllBytes(d.resolve("stat")).length > 0 && (Integer) Files.getAttribute(d, "unix:uid") >= 0) {
                        n++;
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return n;
    }

    /** File.list, stat and status (for the uid) into one reused buffer. */
    static long status() {
        long n = 0;
        for (String name : new File("/proc").list()) {
            if (name.charAt(0) >= '1' && name.charAt(0) <= '9' && read("/proc/" + name + "/stat") > 0
                    && read("/proc/" + name + "/status") > 0) {
                n++;
            }
        }
        return n;
    }

    /** After (ProcProcessTable.snapshot): File.list, stat into one reused buffer, stat(2) for the uid. */
    static long stat() throws IOException {
        long n = 0;
        for (String name : new File("/proc").list()) {
            if (name.charAt(0) >= '1' && name.charAt(0) <= '9' && read("/proc/" + name + "/stat") > 0) {
                try {
                    n += (Integer) Files.getAttribute(Path.of("/proc", name), "unix:uid") >= 0 ? 1 : 0;
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return n;
    }

    private static int read(String file) {
        try (FileInputStream in = new FileInputStream(file)) {
            int n = 0;
            int r;
            while (n < BUFFER.length && (r = in.read(BUFFER, n, BUFFER.length - n)) > 0) {
                n += r;
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }
}
