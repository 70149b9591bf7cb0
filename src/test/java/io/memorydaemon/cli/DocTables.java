// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a markdown guide the man pages are written from: a {@code ## heading}'s section, its tables and its
 * paragraphs. The guide is the one home of each fact; the pages only render it.
 */
final class DocTables {
    private DocTables() { }

    /** The text of {@code ## heading} up to the next {@code ## } heading; fails the build if the guide lacks it. */
    static String section(String markdown, String heading) {
        String marker = "\n## " + heading + "\n";
        int start = markdown.indexOf(marker);
        if (start < 0) {
            throw new IllegalArgumentException("the guide has no '## " + heading + "' section");
        }
        int from = start + marker.length();
        int end = markdown.indexOf("\n## ", from);
        return markdown.substring(from, end < 0 ? markdown.length() : end);
    }

    /** The rows of the section's first table, its header and separator left out; each row its cells, trimmed. */
    static List<List<String>> rows(String section) {
        List<List<String>> rows = new ArrayList<>();
        boolean header = true;
        for (String line : section.split("\n")) {
            if (!line.startsWith("|")) {
                if (!rows.isEmpty() || !header) {
                    break;
                }
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            if (line.matches("\\|[-| :]+\\|\\s*")) {
                continue;
            }
            rows.add(cells(line));
        }
        return rows;
    }

    /** The section's paragraphs outside tables, code blocks and HTML comments, each joined into one line. */
    static List<String> paragraphs(String section) {
        List<String> out = new ArrayList<>();
        StringBuilder p = new StringBuilder();
        boolean code = false;
        for (String line : (section + "\n").split("\n", -1)) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            boolean prose = !code && !line.isBlank() && !line.startsWith("|") && !line.startsWith("<!--")
                    && !line.startsWith("#");
            if (prose) {
                p.append(p.length() == 0 ? "" : " ").append(line.strip());
            } else if (p.length() > 0) {
                out.add(p.toString());
                p.setLength(0);
            }
        }
        return out;
    }

    /** A table line's cells; {@code \|} is a pipe inside a cell. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String body = line.strip();
        for (int i = 1; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }
}
