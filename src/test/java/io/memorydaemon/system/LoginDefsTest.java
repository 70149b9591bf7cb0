// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginDefsTest {
    @TempDir
    Path dir;

    @Test
    void readsUidMinAndFallsBackTo1000() throws Exception {
        Path defs = dir.resolve("login.defs");
        Files.writeString(defs, "# UID_MIN 7\nUID_MAX 60000\nUID_MIN\t\t  500   # old Red Hat\nSYS_UID_MIN 100\n");
        assertEquals(500, LoginDefs.uidMin(defs));
        Files.writeString(defs, "UID_MIN 0\n");
        assertEquals(1, LoginDefs.uidMin(defs), "root is never an ordinary user");
        Files.writeString(defs, "UID_MAX 60000\n");
        assertEquals(1000, LoginDefs.uidMin(defs));
        assertEquals(1000, LoginDefs.uidMin(dir.resolve("missing")));
    }
}
