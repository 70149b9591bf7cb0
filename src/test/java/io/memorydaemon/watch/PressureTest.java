// SPDX-License-Identifier: MIT
package io.memorydaemon.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.system.Pressure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code some avg10} of a pressure file in the kernel's format; absent file = no PSI. */
class PressureTest {
    @TempDir
    Path dir;

    @Test
    void readsSomeAvg10() throws Exception {
        Path file = dir.resolve("memory");
        Files.writeString(file, "some avg10=12.34 avg60=1.00 avg300=0.20 total=123456\n"
                + "full avg10=7.50 avg60=0.50 avg300=0.10 total=65432\n");

        assertEquals(OptionalDouble.of(12.34), new Pressure(file).someAvg10());
    }

    @Test
    void aKernelWithoutPsiGivesNothing() throws Exception {
        Pressure missing = new Pressure(dir.resolve("absent"));

        assertEquals(OptionalDouble.empty(), missing.someAvg10());
        assertTrue(!missing.available());
    }

    @Test
    void theRealFileParsesWhereTheKernelHasIt() throws Exception {
        Pressure system = Pressure.system();
        if (system.available()) {
            double some = system.someAvg10().orElseThrow();
            assertTrue(some >= 0 && some <= 100, "avg10 " + some);
        }
    }
}
