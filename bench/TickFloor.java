// SPDX-License-Identifier: MIT
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The least CPU a JVM thread can spend on one watcher tick: wake from a timed park, read /proc/meminfo from its
 * start, sleep again; the thread's CPU per tick (the scheduler's run time, /proc/thread-self/schedstat), beside {@code tick_floor.c}, the same loop in C as
 * earlyoom runs it (nanosleep, rewind, read). Usage:
 * javac -d /tmp/tf bench/TickFloor.java; target/image/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp /tmp/tf
 * TickFloor {park|read+park} TICKS PERIOD_MS
 */
public class TickFloor {
    public static void main(String[] args) throws Exception {
        boolean read = args[0].contains("read");
        int ticks = Integer.parseInt(args[1]);
        long periodNanos = Long.parseLong(args[2]) * 1_000_000;
        byte[] head = new byte[512];
        long bytes = 0;
        try (RandomAccessFile meminfo = new RandomAccessFile("/proc/meminfo", "r")) {
            long before = cpuNanos();
            for (int i = 0; i < ticks; i++) {
                if (read) {
                    meminfo.seek(0);
                    bytes += meminfo.read(head, 0, head.length);
                }
                LockSupport.parkNanos(periodNanos);
            }
            long after = cpuNanos();
            System.out.printf("java %s: %.1f us CPU per tick (%d ticks of %d ms, %d bytes read)%n", args[0],
                    (after - before) / 1000.0 / ticks, ticks, periodNanos / 1_000_000, bytes);
        }
    }

    /** This thread's run time so far (java.management is not in the image). */
    private static long cpuNanos() throws IOException {
        return Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).split(" ")[0]);
    }
}
