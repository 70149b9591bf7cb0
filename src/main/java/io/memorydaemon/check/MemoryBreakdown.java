// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

/**
 * Where used RAM is besides processes, from {@code /proc/meminfo}; read only over the threshold.
 *
 * @param shmemBytes  {@code Shmem}: tmpfs files (/dev/shm, /tmp on tmpfs), SysV and POSIX shared memory; no kill
 *                    frees what a file holds
 * @param kernelBytes memory the kernel holds for itself and cannot give back soon: {@code SUnreclaim},
 *                    {@code KernelStack}, {@code PageTables} and reserved huge pages
 */
public record MemoryBreakdown(long shmemBytes, long kernelBytes) {
    public static final MemoryBreakdown UNKNOWN = new MemoryBreakdown(0, 0);
}
