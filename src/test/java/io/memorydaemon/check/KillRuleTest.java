// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memorydaemon.check.KillRule.Verdict;
import org.junit.jupiter.api.Test;

class KillRuleTest {
    @Test
    void ownProcessesOnlyAndAsRootOnlyWithKillAsRoot() {
        assertEquals(Verdict.KILL, KillRule.verdict(1000, 1000, false));
        assertEquals(Verdict.KILL, KillRule.verdict(1000, 1000, true));
        assertEquals(Verdict.WARN_OTHER_USER, KillRule.verdict(1001, 1000, false));
        assertEquals(Verdict.WARN_OTHER_USER, KillRule.verdict(0, 1000, true), "kill_as_root means nothing to a user");
        assertEquals(Verdict.WARN_ROOT, KillRule.verdict(1000, 0, false));
        assertEquals(Verdict.WARN_ROOT, KillRule.verdict(0, 0, false));
        assertEquals(Verdict.KILL, KillRule.verdict(1000, 0, true));
    }

    @Test
    void theSystemWatcherMayKillOrdinaryUsersOnlyAndUidsAbove2To31AreOrdinary() {
        long minUid = 1000;
        assertEquals(true, KillRule.ordinaryUser(1000, minUid));
        assertEquals(true, KillRule.ordinaryUser(60000, minUid));
        assertEquals(false, KillRule.ordinaryUser(999, minUid), "a system user");
        assertEquals(false, KillRule.ordinaryUser(0, minUid), "root");
        assertEquals(false, KillRule.ordinaryUser(0, 0), "root, even with min_uid 0");
        assertEquals(true, KillRule.ordinaryUser(500, 500), "min_uid lowers the bound (older distributions: 500)");
        assertEquals(false, KillRule.ordinaryUser(65534, minUid), "nobody, as daemons run");
        assertEquals(true, KillRule.ordinaryUser(1_500_000, minUid), "a directory (LDAP, AD) user above UID_MAX");
        assertEquals(true, KillRule.ordinaryUser(3_000_000_000L, minUid), "above 2^31: an ordinary uid");
        assertEquals(true, KillRule.ordinaryUser(4_294_967_294L, minUid), "(uid_t) -2 is a uid like any other");
        assertEquals(false, KillRule.ordinaryUser(4_294_967_295L, minUid), "(uid_t) -1 is no uid");
    }

    @Test
    void aUserAbove2To31KillsTheirOwnAndOnlyTheirOwn() {
        assertEquals(Verdict.KILL, KillRule.verdict(3_000_000_000L, 3_000_000_000L, false));
        assertEquals(Verdict.WARN_OTHER_USER, KillRule.verdict(3_000_000_001L, 3_000_000_000L, false));
    }

    @Test
    void uidsAreReadUnsigned() {
        assertEquals(3_000_000_000L, Uids.parse("3000000000"));
        assertEquals(4_294_967_294L, Uids.parse("4294967294"));
        assertEquals(4_294_967_295L, Uids.parse("4294967295"));
        assertEquals(-1, Uids.parse("4294967296"), "beyond 32 bits");
        assertEquals(-1, Uids.parse("-2"));
        assertEquals(-1, Uids.parse(""));
        assertEquals(3_000_000_000L, Uids.of((int) 3_000_000_000L), "NIO's int owner, negative, made unsigned");
    }

    @Test
    void eachWarningHasTheReasonTheLogNames() {
        assertEquals("other-user", Verdict.WARN_OTHER_USER.reason());
        assertEquals("too-small", Verdict.WARN_TOO_SMALL.reason());
        assertEquals("system", Verdict.WARN_SYSTEM.reason());
        assertEquals("hidden", Verdict.WARN_HIDDEN.reason());
    }
}
