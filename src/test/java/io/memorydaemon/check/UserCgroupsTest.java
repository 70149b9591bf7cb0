// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserCgroupsTest {
    private static final String MANAGER = "/user.slice/user-3000000000.slice/user@3000000000.service";

    @Test
    void aUnitTheUserStartedIsAJobAndItsSubCgroupsBelongToIt() {
        assertEquals(Optional.of(MANAGER + "/app.slice/run-r42.scope"),
                UserCgroups.workUnit(MANAGER + "/app.slice/run-r42.scope"));
        assertEquals(Optional.of(MANAGER + "/app.slice/jupyter.service"),
                UserCgroups.workUnit(MANAGER + "/app.slice/jupyter.service/kernels"));
        assertEquals(Optional.of(MANAGER + "/app.slice/app-gnome.slice/app-firefox-1.scope"),
                UserCgroups.workUnit(MANAGER + "/app.slice/app-gnome.slice/app-firefox-1.scope"));
        assertEquals(3_000_000_000L, UserCgroups.owner(MANAGER + "/app.slice/run-r42.scope"));
    }

    @Test
    void theManagerItselfMemoryDaemonAndLoginSessionsAreNoJobs() {
        assertEquals(Optional.empty(), UserCgroups.workUnit(MANAGER + "/init.scope"));
        assertEquals(Optional.empty(), UserCgroups.workUnit(MANAGER + "/app.slice/memory-daemon.service"));
        assertEquals(Optional.empty(), UserCgroups.workUnit("/user.slice/user-1000.slice/session-4.scope"));
        assertEquals(Optional.empty(), UserCgroups.workUnit("/system.slice/cron.service"));
        assertEquals(Optional.empty(), UserCgroups.workUnit(MANAGER));
    }
}
