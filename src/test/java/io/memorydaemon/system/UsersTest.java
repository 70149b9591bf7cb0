// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

    @Test
    void namesComeFromPasswdAndAnUnknownUidStaysANumber(@TempDir Path dir) throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n# comment\nbroken\n"
                + "alice:x:4242:4242:Alice,,,:/home/alice:/bin/sh\nalice2:x:4242:1:dup:/:/bin/sh\n");
        Users users = new Users(passwd);

        assertEquals("root", users.quickName(0));
        assertEquals("alice", users.quickName(4242));
        assertEquals("4243", users.quickName(4243));
    }

    @Test
    void aMissingPasswdLeavesNumbers(@TempDir Path dir) {
        assertEquals("7", new Users(dir.resolve("none")).quickName(7));
    }

    @Test
    void aPasswdLineIsParsedOnlyWhenWellFormed() {
        assertEquals(Optional.of(Map.entry(65534L, "nobody")),
                Users.parse("nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin"));
        assertEquals(Optional.empty(), Users.parse("nobody:x:abc:1:"));
        assertEquals(Optional.empty(), Users.parse(":x:1:1:"));
        assertEquals(Optional.empty(), Users.parse("short:x"));
    }
}
