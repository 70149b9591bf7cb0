// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import io.memorydaemon.config.ConfigParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * md.conf(5), from the md.conf section of docs/user-guide.md (its prose and its key table, the one description of each
 * key) and the guide's Files and Environment rows meant for it. The table is checked against the keys the parser
 * knows: a key in {@link ConfigParser#KNOWN_KEYS} without a row, or a row naming a key the parser refuses, fails the
 * build rather than shipping a page that drifted.
 */
final class ConfPage {
    static final String GUIDE = "docs/user-guide.md";
    static final String PAGE = "md.conf(5)";
    private static final Pattern KEY = Pattern.compile("`([a-z_]+)`");

    record Row(List<String> keys, String meaning, String defaultValue) { }

    static List<Row> rows(String guide) {
        List<Row> rows = new ArrayList<>();
        for (List<String> cells : DocTables.rows(DocTables.section(guide, "md.conf"))) {
            if (cells.size() != 3 || !cells.get(0).startsWith("`")) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            Matcher k = KEY.matcher(cells.get(0));
            while (k.find()) {
                keys.add(k.group(1));
            }
            rows.add(new Row(keys, cells.get(1), cells.get(2)));
        }
        return rows;
    }

    /** The keys of the parser with no row, and the rows' keys the parser does not know; both empty when in step. */
    static List<String> drift(List<Row> rows) {
        Set<String> described = new LinkedHashSet<>();
        rows.forEach(r -> described.addAll(r.keys()));
        List<String> problems = new ArrayList<>();
        ConfigParser.KNOWN_KEYS.stream().filter(k -> !described.contains(k))
                .forEach(k -> problems.add("md.conf key '" + k + "' has no row in " + GUIDE + "'s md.conf table"));
        described.stream().filter(k -> !ConfigParser.KNOWN_KEYS.contains(k))
                .forEach(k -> problems.add(GUIDE + "'s md.conf table describes '" + k + "', which the parser refuses"));
        return problems;
    }

    static String of(String guide, String version) {
        List<Row> rows = rows(guide);
        List<String> problems = drift(rows);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        StringBuilder out = new StringBuilder();
        out.append(".TH MD.CONF 5 \"\" \"memory\\-daemon ").append(Roff.text(version)).append("\" \"File Formats\"\n")
                .append(".nh\n.SH NAME\nmd.conf \\- settings of memory\\-daemon (\\fBmem_daemon\\fR, \\fBmd_wizard\\fR)\n")
                .append(".SH SYNOPSIS\n\\fI${XDG_CONFIG_HOME:\\-~/.config}/mem_daemon/md.conf\\fR\n.br\n")
                .append("\\fI/etc/memory\\-daemon/md.conf\\fR\n")
                .append(".SH DESCRIPTION\n");
        for (String paragraph : DocTables.paragraphs(DocTables.section(guide, "md.conf"))) {
            out.append(".PP\n").append(Roff.markdown(paragraph)).append('\n');
        }
        out.append(".SH KEYS\n");
        for (Row r : rows) {
            out.append(".TP\n").append(String.join(", ", r.keys().stream().map(k -> "\\fB" + Roff.text(k) + "\\fR")
                    .toList())).append('\n').append(Roff.markdown(r.meaning())).append('.');
            out.append(r.defaultValue().isEmpty() ? "" : " Default: " + Roff.markdown(r.defaultValue()) + ".");
            out.append('\n');
        }
        out.append(ManPage.entries(guide, "Environment", ".SH ENVIRONMENT", PAGE))
                .append(ManPage.entries(guide, "Files", ".SH FILES", PAGE))
                .append(".SH EXAMPLE\n.nf\n.RS\nthreshold 90\nreceiver you@example.org\nsender alerts@example.org\n"
                        + "smtp smtp.example.org\nport 587\npass_file ~/.config/mem_daemon/smtp.pass\n.RE\n.fi\n")
                .append(".SH SEE ALSO\n\\fBmem_daemon\\fR(1), \\fBmd_wizard\\fR(1)\n");
        return out.toString();
    }
}
