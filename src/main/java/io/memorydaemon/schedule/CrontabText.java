// SPDX-License-Identifier: MIT
package io.memorydaemon.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A user's crontab as text. Changes touch only the lines memory-daemon owns (or the original tool's line);
 * every other line, comment and blank line is kept byte for byte, and so is the final newline (or its absence).
 */
public final class CrontabText {
    private final List<String> lines;
    private final boolean finalNewline;

    private CrontabText(List<String> lines, boolean finalNewline) {
        this.lines = List.copyOf(lines);
        this.finalNewline = finalNewline;
    }

    public static CrontabText parse(String text) {
        if (text.isEmpty()) {
            return new CrontabText(List.of(), true);
        }
        boolean newline = text.endsWith("\n");
        String body = newline ? text.substring(0, text.length() - 1) : text;
        return new CrontabText(List.of(body.split("\n", -1)), newline);
    }

    public String text() {
        if (lines.isEmpty()) {
            return "";
        }
        return String.join("\n", lines) + (finalNewline ? "\n" : "");
    }

    public Optional<String> checkLine() {
        return lines.stream().filter(CronLine::isCheck).findFirst();
    }

    public Optional<String> watchLine() {
        return lines.stream().filter(CronLine::isWatch).findFirst();
    }

    public List<String> legacyLines() {
        return lines.stream().filter(CronLine::isLegacy).toList();
    }

    /** Our check line put in place of the old one (or of the original tool's line), else appended. */
    public CrontabText withCheck(String line) {
        return replace(l -> CronLine.isCheck(l) || CronLine.isLegacy(l), line);
    }

    public CrontabText withWatch(String line) {
        return replace(CronLine::isWatch, line);
    }

    public CrontabText withoutCheck() {
        return remove(CronLine::isCheck);
    }

    public CrontabText withoutWatch() {
        return remove(CronLine::isWatch);
    }

    public CrontabText withoutLegacy() {
        return remove(CronLine::isLegacy);
    }

    private CrontabText replace(Predicate<String> owned, String line) {
        List<String> out = new ArrayList<>();
        boolean placed = false;
        for (String l : lines) {
            if (!owned.test(l)) {
                out.add(l);
            } else if (!placed) {
                out.add(line);
                placed = true;
            }
        }
        if (!placed) {
            out.add(line);
        }
        // a line appended at the end needs its newline: cron ignores a last line without one
        return new CrontabText(out, placed ? finalNewline : true);
    }

    private CrontabText remove(Predicate<String> owned) {
        List<String> out = new ArrayList<>(lines);
        out.removeIf(owned);
        return new CrontabText(out, finalNewline);
    }
}
