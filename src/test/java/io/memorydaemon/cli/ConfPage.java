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
 * md.conf(5), from README.md's md.conf table (the one description of each key) checked against the keys the parser
 * knows: a key in {@link ConfigParser#KNOWN_KEYS} without a row, or a row naming a key the parser refuses, fails
 * the build rather than shipping a page that drifted.
 */
final class ConfPage {
    private static final Pattern ROW = Pattern.compile("^\\| *(`[^|]*) *\\|(.*)\\|(.*)\\|\\s*$");
    private static final Pattern KEY = Pattern.compile("`([a-z_]+)`");

    record Row(List<String> keys, String meaning, String defaultValue) { }

    static List<Row> rows(String readme) {
        int start = readme.indexOf("\n## md.conf");
        if (start < 0) {
            throw new IllegalArgumentException("README.md has no '## md.conf' section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        List<Row> rows = new ArrayList<>();
        for (String l : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            Matcher m = ROW.matcher(l);
            if (m.matches()) {
                List<String> keys = new ArrayList<>();
                Matcher k = KEY.matcher(m.group(1));
                while (k.find()) {
                    keys.add(k.group(1));
                }
                rows.add(new Row(keys, m.group(2).trim(), m.group(3).trim()));
            }
        }
        return rows;
    }

    /** The keys of the parser with no row, and the rows' keys the parser does not know; both empty when in step. */
    static List<String> drift(List<Row> rows) {
        Set<String> described = new LinkedHashSet<>();
        rows.forEach(r -> described.addAll(r.keys()));
        List<String> problems = new ArrayList<>();
        ConfigParser.KNOWN_KEYS.stream().filter(k -> !described.contains(k))
                .forEach(k -> problems.add("md.conf key '" + k + "' has no row in README.md's md.conf table"));
        described.stream().filter(k -> !ConfigParser.KNOWN_KEYS.contains(k))
                .forEach(k -> problems.add("README.md's md.conf table describes '" + k + "', which the parser refuses"));
        return problems;
    }

    static String of(String readme, String version) {
        List<Row> rows = rows(readme);
        List<String> problems = drift(rows);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        StringBuilder out = new StringBuilder();
        out.append(".TH MD.CONF 5 \"\" \"memory\\-daemon ").append(Roff.text(version)).append("\" \"File Formats\"\n")
                .append(".nh\n.SH NAME\nmd.conf \\- settings of memory\\-daemon (\\fBmem_daemon\\fR, \\fBmd_wizard\\fR)\n")
                .append(".SH SYNOPSIS\n\\fI${XDG_CONFIG_HOME:\\-~/.config}/mem_daemon/md.conf\\fR\n")
                .append(".SH DESCRIPTION\nOne \\fIkey value\\fR per line; lines starting with \\fB#\\fR are comments."
                        + " At most 64 KiB of UTF\\-8 text. Every error is reported with its line"
                        + " (\\fBmd.conf:4: ...\\fR) and nothing is done (exit status 2)."
                        + " A file written for the original shell tool works unchanged.\n")
                .append(".PP\nMail is optional: with none of \\fBreceiver\\fR, \\fBsender\\fR, \\fBsmtp\\fR,"
                        + " \\fBport\\fR the checker still protects the server and logs \\fBmail=off\\fR;"
                        + " once one is set all four are required.\n")
                .append(".SH KEYS\n");
        for (Row r : rows) {
            out.append(".TP\n").append(String.join(", ", r.keys().stream().map(k -> "\\fB" + Roff.text(k) + "\\fR")
                    .toList())).append('\n').append(Roff.markdown(r.meaning())).append('.');
            out.append(r.defaultValue().isEmpty() ? "" : " Default: " + Roff.markdown(r.defaultValue()) + ".");
            out.append('\n');
        }
        out.append(".SH EXAMPLE\n.nf\n.RS\nthreshold 90\nreceiver you@example.org\nsender alerts@example.org\n"
                + "smtp smtp.example.org\nport 587\npass_file ~/.config/mem_daemon/smtp.pass\n.RE\n.fi\n")
                .append(".SH SEE ALSO\n\\fBmem_daemon\\fR(1), \\fBmd_wizard\\fR(1)\n");
        return out.toString();
    }
}
