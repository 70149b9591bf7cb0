// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.MemoryStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemInfoGaugeTest {
    @TempDir
    Path dir;

    @Test
    void usedIsTotalMinusAvailable() throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:        8000000 kB\nMemFree:          100000 kB\n"
                + "MemAvailable:     2000000 kB\nBuffers:           50000 kB\n");

        MemoryStatus m = new MemInfoGauge(meminfo).read();

        assertEquals(8_000_000L * 1024, m.totalBytes());
        assertEquals(2_000_000L * 1024, m.availableBytes());
        assertEquals(75.0, m.usedPercent(), 1e-9);
    }

    @Test
    void eachReadingReadsTheFileAgainFromItsStart() throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:        8000000 kB\nMemFree:          100000 kB\n"
                + "MemAvailable:     2000000 kB\n");
        MemInfoGauge gauge = new MemInfoGauge(meminfo);
        assertEquals(2_000_000L * 1024, gauge.read().availableBytes());

        // the same file (the gauge keeps it open), now shorter: nothing of the first text may be left over
        Files.writeString(meminfo, "MemTotal: 8000000 kB\nMemAvailable: 900 kB\n");

        MemoryStatus m = gauge.read();
        assertEquals(8_000_000L * 1024, m.totalBytes());
        assertEquals(900L * 1024, m.availableBytes());
    }

    @Test
    void aFieldWithoutANumberIsNotRead() throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal: 8000 kB\nMemAvailable: kB\n");

        IOException e = assertThrows(IOException.class, () -> new MemInfoGauge(meminfo).read());
        assertTrue(e.getMessage().contains("MemAvailable"), e.getMessage());
    }

    @Test
    void aKernelWithoutMemAvailableIsNamed() throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal: 8000 kB\nMemFree: 100 kB\n");

        IOException e = assertThrows(IOException.class, () -> new MemInfoGauge(meminfo).read());
        assertTrue(e.getMessage().contains("MemAvailable"), e.getMessage());
    }

    @Test
    void readsThisMachine() throws Exception {
        MemoryStatus m = MemInfoGauge.system().read();

        assertTrue(m.totalBytes() > 0 && m.availableBytes() > 0 && m.availableBytes() <= m.totalBytes(), m.toString());
    }
}
