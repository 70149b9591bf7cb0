// SPDX-License-Identifier: MIT
package io.memorydaemon.system;

import io.memorydaemon.check.Uids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few fields of {@code /proc/<pid>/stat} and {@code /proc/<pid>/status} the watchdog needs.
 * See proc(5): the command name is in parentheses and may itself hold spaces and parentheses.
 */
record ProcStat(long pid, String name, char state, long ppid, long pgid, long sid, long startTimeTicks, long rssPages) {

    static Optional<ProcStat> read(Path proc, long pid) {
        try {
            return Optional.ofNullable(parse(pid, Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static ProcStat parse(long pid, byte[] stat) {
        return parse(pid, stat, stat.length);
    }

    /** @param length how much of {@code stat} was read: the scan reuses one buffer for every process */
    static ProcStat parse(long pid, byte[] stat, int length) {
        int open = indexOf(stat, (byte) '(', 0, length);
        int close = lastIndexOf(stat, (byte) ')', length);
        // a truncated line (the process exiting while it is read) must not throw out of a whole snapshot
        if (open < 0 || close < open || close + 2 >= length) {
            return null;
        }
        String name = new String(stat, open + 1, close - open - 1, StandardCharsets.UTF_8);
        // fields after the name, numbered as in proc(5): 3 state, 4 ppid, 5 pgrp, 6 session, 22 starttime, 24 rss
        int pos = close + 2;
        char state = (char) stat[pos];
        long ppid = 0;
        long pgid = 0;
        long sid = 0;
        long start = 0;
        long rss = 0;
        int field = 3;
        int i = pos;
        while (i < length && field <= 24) {
            int end = i;
            while (end < length && stat[end] != ' ' && stat[end] != '\n') {
                end++;
            }
            switch (field) {
                case 4 -> ppid = parseLong(stat, i, end);
                case 5 -> pgid = parseLong(stat, i, end);
                case 6 -> sid = parseLong(stat, i, end);
                case 22 -> start = parseLong(stat, i, end);
                case 24 -> rss = parseLong(stat, i, end);
                default -> { }
            }
            field++;
            i = end + 1;
        }
        return field > 24 ? new ProcStat(pid, name, state, ppid, pgid, sid, start, rss) : null;
    }

    boolean zombie() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    /**
     * Real and effective uid from {@code /proc/<pid>/status}, unsigned (a uid above 2^31 is an ordinary uid), or
     * empty when the process is gone.
     */
    static Optional<long[]> uids(Path proc, long pid) {
        try {
            for (String line : Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    long real = Uids.parse(f[0]);
                    long effective = Uids.parse(f[1]);
                    return real < 0 || effective < 0 ? Optional.empty() : Optional.of(new long[] {real, effective});
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long parseLong(byte[] b, int from, int to) {
        long v = 0;
        boolean negative = from < to && b[from] == '-';
        for (int i = negative ? from + 1 : from; i < to; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return negative ? -v : v;
    }

    private static int indexOf(byte[] b, byte c, int from, int length) {
        for (int i = from; i < length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte c, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
