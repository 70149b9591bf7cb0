// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceUserTest {
    @TempDir
    Path dir;

    @Test
    void theUidOfTheServiceUserFromPasswd() throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "memory-daemon-not:x:998:998::/:/usr/sbin/nologin\n"
                + "memory-daemon:x:997:996:memory-daemon system watcher:/var/lib/memory-daemon:/usr/sbin/nologin\n");

        assertEquals(OptionalLong.of(997), ServiceUser.uid(passwd));
    }

    @Test
    void noSuchUserOrNoPasswdIsEmpty() throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");

        assertEquals(OptionalLong.empty(), ServiceUser.uid(passwd));
        assertEquals(OptionalLong.empty(), ServiceUser.uid(dir.resolve("missing")));
    }
}
