// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.MemoryBreakdown;
import io.memorydaemon.check.MemoryGauge;
import io.memorydaemon.check.MemoryStatus;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * MemTotal and MemAvailable from {@code /proc/meminfo}, the same fields OSHI's Linux GlobalMemory reads,
 * without starting OSHI and JNA: measured 2 ms instead of 120 ms, and every cron run pays it.
 *
 * <p>The watcher reads it several times a second, so a reading makes no garbage and little work: the file stays
 * open and is read again from its start (as earlyoom does: the kernel writes the text afresh after a seek to 0),
 * into one buffer, and the two numbers are parsed from its bytes. Not for use by several threads at once.
 */
public final class MemInfoGauge implements MemoryGauge {
    private static final byte[] TOTAL = "MemTotal:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AVAILABLE = "MemAvailable:".getBytes(StandardCharsets.US_ASCII);

    private final Path meminfo;
    /** The file's first lines: MemTotal is the first, MemAvailable the third (Linux 3.14 and later). */
    private final byte[] head = new byte[512];
    private RandomAccessFile file;

    public MemInfoGauge(Path meminfo) {
        this.meminfo = meminfo;
    }

    public static MemInfoGauge system() {
        return new MemInfoGauge(Path.of("/proc/meminfo"));
    }

    @Override
    public MemoryStatus read() throws IOException {
        int length = readHead();
        long totalKib = -1;
        long availableKib = -1;
        for (int line = 0; line < length && (totalKib < 0 || availableKib < 0); line = nextLine(line, length)) {
            if (startsWith(line, length, TOTAL)) {
                totalKib = number(line + TOTAL.length, length);
            } else if (startsWith(line, length, AVAILABLE)) {
                availableKib = number(line + AVAILABLE.length, length);
            }
        }
        if (totalKib < 0 || availableKib < 0) {
            throw new IOException(meminfo + " has no MemTotal/MemAvailable (Linux 3.14 or later is needed)");
        }
        return new MemoryStatus(totalKib * 1024, availableKib * 1024);
    }

    /**
     * Shmem and the kernel's own memory, from the whole file: read only over the threshold, to say where memory is
     * that no kill can free.
     */
    @Override
    public MemoryBreakdown breakdown() {
        Map<String, Long> kib = new HashMap<>();
        try {
            for (String line : Files.readAllLines(meminfo, StandardCharsets.US_ASCII)) {
                int colon = line.indexOf(':');
                String[] value = colon < 0 ? new String[0] : line.substring(colon + 1).strip().split("\\s+");
                if (value.length > 0 && value[0].matches("[0-9]{1,19}")) {
                    kib.put(line.substring(0, colon), Long.parseLong(value[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return MemoryBreakdown.UNKNOWN;
        }
        long hugeKib = kib.getOrDefault("HugePages_Total", 0L) * kib.getOrDefault("Hugepagesize", 0L);
        long kernelKib = kib.getOrDefault("SUnreclaim", 0L) + kib.getOrDefault("KernelStack", 0L)
                + kib.getOrDefault("PageTables", 0L) + hugeKib;
        return new MemoryBreakdown(kib.getOrDefault("Shmem", 0L) * 1024, kernelKib * 1024);
    }

    /** Reads the start of the file into {@link #head}; its length. A failed file is opened again next time. */
    private int readHead() throws IOException {
        if (file == null) {
            file = new RandomAccessFile(meminfo.toFile(), "r");
        }
        try {
            file.seek(0);
            int length = 0;
            while (length < head.length) {
                int n = file.read(head, length, head.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            return length;
        } catch (IOException e) {
            file.close();
            file = null;
            throw e;
        }
    }

    private boolean startsWith(int at, int length, byte[] name) {
        if (length - at < name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (head[at + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number after the blanks at {@code at}; -1 when there is none. */
    private long number(int at, int length) {
        int i = at;
        while (i < length && (head[i] == ' ' || head[i] == '\t')) {
            i++;
        }
        long value = -1;
        for (; i < length && head[i] >= '0' && head[i] <= '9'; i++) {
            value = (value < 0 ? 0 : value * 10) + (head[i] - '0');
        }
        return value;
    }

    private int nextLine(int at, int length) {
        int i = at;
        while (i < length && head[i] != '\n') {
            i++;
        }
        return i + 1;
    }
}
