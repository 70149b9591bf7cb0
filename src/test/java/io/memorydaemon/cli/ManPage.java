// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A section 1 man page written from a picocli command and its subcommands, so that the page says what {@code --help}
 * says: the same synopsis, descriptions, options and exit codes, read from the same model; its ENVIRONMENT and FILES
 * are the rows of the user guide's tables that name the page.
 */
final class ManPage {
    private final StringBuilder out = new StringBuilder();

    static String of(CommandLine root, String version, String guide) {
        return new ManPage().write(root, version, guide);
    }

    private String write(CommandLine root, String version, String guide) {
        CommandSpec spec = root.getCommandSpec();
        String name = spec.name();
        line(".TH " + name.toUpperCase(java.util.Locale.ROOT).replace("_", "\\_") + " 1 \"\" \"memory-daemon "
                + version + "\" \"User Commands\"");
        line(".nh");
        line(".SH NAME");
        line(Roff.text(name) + " \\- " + Roff.text(firstSentence(spec.usageMessage())));
        line(".SH SYNOPSIS");
        synopsis(root);
        for (CommandLine sub : visible(root)) {
            synopsis(sub);
        }
        line(".SH DESCRIPTION");
        paragraphs(spec.usageMessage().description());
        options(spec, ".SH OPTIONS");
        if (!visible(root).isEmpty()) {
            line(".SH COMMANDS");
            for (CommandLine sub : visible(root)) {
                CommandSpec s = sub.getCommandSpec();
                line(".SS " + Roff.text(s.qualifiedName()));
                paragraphs(s.usageMessage().header());
                paragraphs(s.usageMessage().description());
                options(s, null);
                exitCodes(s.usageMessage().exitCodeList(), false);
            }
        }
        exitCodes(spec.usageMessage().exitCodeList(), true);
        out.append(entries(guide, "Environment", ".SH ENVIRONMENT", name + "(1)"));
        out.append(entries(guide, "Files", ".SH FILES", name + "(1)"));
        line(".SH SEE ALSO");
        line(name.equals("mem_daemon") ? "\\fBmd_wizard\\fR(1), \\fBmd.conf\\fR(5), \\fBcrontab\\fR(1)"
                : "\\fBmem_daemon\\fR(1), \\fBmd.conf\\fR(5), \\fBcrontab\\fR(1)");
        return out.toString();
    }

    /**
     * A section of the page from the guide's {@code ## heading}: its paragraphs, then one entry per table row whose
     * last cell names {@code page} (the row's first cell as the tag, its second as the text). Empty when no row does.
     */
    static String entries(String guide, String heading, String roffHeading, String page) {
        String section = DocTables.section(guide, heading);
        List<List<String>> rows = DocTables.rows(section).stream()
                .filter(r -> r.size() == 3 && List.of(r.get(2).split(",\\s*")).contains(page)).toList();
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(roffHeading).append('\n');
        DocTables.paragraphs(section).forEach(p -> b.append(".PP\n").append(Roff.markdown(p)).append('\n'));
        for (List<String> r : rows) {
            b.append(".TP\n").append(Roff.markdown(r.get(0))).append('\n').append(Roff.markdown(r.get(1))).append('\n');
        }
        return b.toString();
    }

    static List<CommandLine> visible(CommandLine cl) {
        return cl.getSubcommands().values().stream().distinct()
                .filter(c -> !c.getCommandSpec().usageMessage().hidden()).toList();
    }

    private void synopsis(CommandLine cl) {
        // picocli's own synopsis, unwrapped: the one --help prints
        String text = cl.getHelp().synopsis(0).replaceFirst("^Usage: ", "").replaceAll("\\s+", " ").trim();
        line(".PP");
        line(".nf");
        line("\\fB" + Roff.text(text) + "\\fR");
        line(".fi");
    }

    private void options(CommandSpec spec, String heading) {
        List<ArgSpec> args = new java.util.ArrayList<>();
        spec.positionalParameters().stream().filter(p -> !p.hidden()).forEach(args::add);
        spec.options().stream().filter(o -> !o.hidden()).forEach(args::add);
        if (args.isEmpty()) {
            return;
        }
        if (heading != null) {
            line(heading);
        }
        for (ArgSpec arg : args) {
            line(".TP");
            line(label(arg));
            for (String d : arg.renderedDescription()) {
                line(Roff.text(Roff.formatted(d)));
            }
        }
    }

    private static String label(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            String names = String.join(", ", List.of(o.names()).stream().map(n -> "\\fB" + Roff.text(n) + "\\fR")
                    .toList());
            return o.typeInfo().isBoolean() ? names : names + " \\fI" + Roff.text(o.paramLabel()) + "\\fR";
        }
        return "\\fI" + Roff.text(arg.paramLabel()) + "\\fR";
    }

    private void exitCodes(Map<String, String> codes, boolean section) {
        if (codes.isEmpty()) {
            return;
        }
        line(section ? ".SH EXIT STATUS" : ".PP\nExit status:");
        codes.forEach((code, meaning) -> {
            line(".TP");
            line(Roff.text(code.trim()));
            line(Roff.text(Roff.formatted(meaning)));
        });
    }

    /** Lines starting with blanks (the menu) keep their layout; the others fill paragraphs. */
    private void paragraphs(String[] lines) {
        if (lines.length == 0) {
            return;
        }
        line(".PP");
        for (String raw : String.join("\n", lines).split("\n", -1)) {
            String l = Roff.formatted(raw);
            if (l.isBlank()) {
                line(".PP");
            } else if (l.startsWith(" ")) {
                line(".nf");
                line(Roff.text(l));
                line(".fi");
            } else {
                line(Roff.text(l));
            }
        }
    }

    private static String firstSentence(UsageMessageSpec usage) {
        String[] text = usage.header().length > 0 ? usage.header() : usage.description();
        String joined = String.join(" ", text).trim();
        int stop = joined.indexOf(". ");
        return stop < 0 ? joined.replaceAll("\\.$", "") : joined.substring(0, stop);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
