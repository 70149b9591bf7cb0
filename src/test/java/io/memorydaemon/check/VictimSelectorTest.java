// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static io.memorydaemon.check.Fakes.process;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VictimSelectorTest {

    private static VictimSelector selector(Set<Long> protectedPids, String avoid, String prefer) {
        return new VictimSelector(protectedPids, Optional.ofNullable(avoid).map(Pattern::compile),
                Optional.ofNullable(prefer).map(Pattern::compile));
    }

    @Test
    void choosesTheLargestResidentSet() {
        List<ProcessInfo> ps = List.of(process(10, 1000, 100, "a"), process(11, 1000, 300, "b"),
                process(12, 1001, 200, "c"));

        assertEquals(Optional.of(ps.get(1)), selector(Set.of(), null, null).choose(ps));
    }

    @Test
    void neverChoosesPidOneEvenWhenNotListedAsProtected() {
        List<ProcessInfo> ps = List.of(process(1, 0, 5000, "systemd"), process(50, 1000, 10, "small"));

        assertEquals(Optional.of(ps.get(1)), selector(Set.of(), null, null).choose(ps));
    }

    @Test
    void neverChoosesItselfOrAnAncestor() {
        List<ProcessInfo> ps = List.of(process(100, 1000, 900, "sshd"), process(200, 1000, 800, "bash"),
                process(300, 1000, 700, "java"), process(400, 1000, 10, "vim"));

        assertEquals(Optional.of(ps.get(3)), selector(Set.of(1L, 100L, 200L, 300L), null, null).choose(ps));
    }

    @Test
    void skipsKernelThreadsWithoutResidentMemory() {
        List<ProcessInfo> ps = List.of(process(2, 0, 0, "kthreadd"), process(3, 0, 0, "kworker/0:1"));

        assertEquals(Optional.empty(), selector(Set.of(), null, null).choose(ps));
    }

    @Test
    void avoidExcludesMatchingNames() {
        List<ProcessInfo> ps = List.of(process(10, 1000, 900, "tmux: server"), process(11, 1000, 800, "sshd"),
                process(12, 1000, 100, "python3"));

        assertEquals(Optional.of(ps.get(2)), selector(Set.of(), "^(tmux|sshd)", null).choose(ps));
        assertEquals(Optional.empty(), selector(Set.of(), ".", null).choose(ps));
    }

    @Test
    void preferPicksTheLargestMatchBeforeALargerOtherProcess() {
        List<ProcessInfo> ps = List.of(process(10, 1000, 900, "firefox"), process(11, 1000, 50, "python3"),
                process(12, 1000, 80, "python3"));

        assertEquals(Optional.of(ps.get(2)), selector(Set.of(), null, "^python").choose(ps));
    }

    @Test
    void preferFallsBackToTheLargestWhenNothingEligibleMatches() {
        List<ProcessInfo> ps = List.of(process(10, 1000, 900, "firefox"), process(11, 1000, 50, "python3"));

        assertEquals(Optional.of(ps.get(0)), selector(Set.of(), null, "^java$").choose(ps));
        assertEquals(Optional.of(ps.get(0)), selector(Set.of(11L), null, "^python").choose(ps));
        assertEquals(Optional.of(ps.get(0)), selector(Set.of(), "python", "^python").choose(ps));
    }

    @Test
    void theTestsOwnRestrictionLeavesOnlyTheHog() {
        List<ProcessInfo> ps = List.of(process(10, 65534, 900, "mdhog1234"), process(11, 65534, 950, "mdhogabcd"),
                process(12, 0, 5000, "java"));

        assertEquals(Optional.of(ps.get(0)),
                selector(Set.of(), "^(?!mdhog1234$)", "^mdhog1234$").choose(ps));
        assertEquals(Optional.empty(), selector(Set.of(10L), "^(?!mdhog1234$)", "^mdhog1234$").choose(ps));
    }

    @Test
    void equalSizesAreBrokenByTheLowerPid() {
        List<ProcessInfo> ps = List.of(process(30, 1000, 100, "b"), process(20, 1000, 100, "a"));

        assertEquals(Optional.of(ps.get(1)), selector(Set.of(), null, null).choose(ps));
    }

    @Test
    void topListsTheLargestUnfiltered() {
        List<ProcessInfo> ps = List.of(process(1, 0, 10, "init"), process(5, 0, 30, "x"), process(6, 0, 20, "y"));

        assertEquals(List.of(ps.get(1), ps.get(2)), VictimSelector.top(ps, 2));
    }
}
