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
}
