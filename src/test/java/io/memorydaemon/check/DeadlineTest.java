// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    private long nanos = 42;

    @Test
    void aStepsLimitNeverOutlastsTheRunsDeadline() {
        Deadline run = Deadline.in(Duration.ofSeconds(120), () -> nanos);

        assertEquals(Duration.ofSeconds(30), run.within(Duration.ofSeconds(30)).remaining());
        nanos += Duration.ofSeconds(100).toNanos();
        assertEquals(Duration.ofSeconds(20), run.within(Duration.ofSeconds(30)).remaining());
        assertFalse(run.passed());
        nanos += Duration.ofSeconds(20).toNanos();
        assertTrue(run.passed());
        assertEquals(Duration.ZERO, run.remaining());
    }
}
