// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/**
 * What the victim choice needs to know of one process.
 *
 * @param startTimeTicks start time in clock ticks since boot; with the pid it identifies the process
 *                  (a reused pid has another start time)
 * @param name      the kernel's short command name ({@code comm})
 */
public record ProcessInfo(long pid, long ppid, int uid, long startTimeTicks, long rssBytes, String name) { }
