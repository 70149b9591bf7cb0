// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapabilitiesTest {

    /** /proc/self/status of the unit's watcher (setpriv +kill,+sys_ptrace as memory-daemon), abridged. */
    private static final List<String> UNIT = List.of("Name:\tjava", "Uid:\t998\t998\t998\t998",
            "Gid:\t998\t998\t998\t998", "CapInh:\t0000000000080020", "CapPrm:\t0000000000080020",
            "CapEff:\t0000000000080020", "CapBnd:\t0000000000080020", "CapAmb:\t0000000000080020");

    @Test
    void theUnitsSetIsKillAndSysPtraceOnly() {
        Capabilities c = Capabilities.parse(UNIT).orElseThrow();
        assertEquals(new Capabilities(998, 998, 0x80020), c);
        assertEquals(Capabilities.SYSTEM_WATCHER, c.effective());
        assertTrue(c.has(Capabilities.CAP_KILL));
        assertTrue(c.has(Capabilities.CAP_SYS_PTRACE));
        assertFalse(c.has(0), "no CAP_CHOWN");
        assertFalse(c.isRoot());
        assertEquals("0000000000080020", c.effectiveHex());
    }

    @Test
    void rootsFullSetParsesUnsigned() {
        Capabilities root = Capabilities.parse(List.of("Uid:\t0\t0\t0\t0", "CapEff:\t000001ffffffffff"))
                .orElseThrow();
        assertTrue(root.isRoot());
        assertTrue(root.has(Capabilities.CAP_KILL));
        assertEquals(Optional.of(new Capabilities(0, 0, -1L)),
                Capabilities.parse(List.of("Uid:\t0\t0\t0\t0", "CapEff:\tffffffffffffffff")));
    }

    @Test
    void aStatusWithoutTheFieldsIsNone(@TempDir Path proc) throws Exception {
        assertEquals(Optional.empty(), Capabilities.parse(List.of("Name:\tx", "CapEff:\t0")));
        assertEquals(Optional.empty(), Capabilities.read(proc), "no self/status");
        Files.createDirectories(proc.resolve("self"));
        Files.write(proc.resolve("self/status"), UNIT);
        assertEquals(Optional.of(new Capabilities(998, 998, 0x80020)), Capabilities.read(proc));
    }
}
