// SPDX-License-Identifier: MIT
package io.memorydaemon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mail half of md.conf: off with no mail key, else all four of receiver, sender, smtp and port. */
final class MailFields {
    // the domain may be a bare host name (root@localhost): mail handed to the server's own MTA
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>\"]+@[^@\\s,<>\".]+(\\.[^@\\s,<>\".]+)*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]+");
    /** {@code "Memory Daemon" <md@example.org>} or {@code Memory Daemon <md@example.org>}. */
    private static final Pattern NAMED = Pattern.compile("(?:\"([^\"]*)\"|([^<\"]*?))\\s*<([^<>]*)>");
    private static final Pattern ASCII = Pattern.compile("\\p{ASCII}*");
    private static final List<String> PASS_KEYS = List.of("pass", "pass_file", "pass_command");
    /** Every key of mail: a problem with any of them turns mail off (notices are kept) and nothing else. */
    static final List<String> KEYS = List.of("receiver", "sender", "smtp", "port", "tls", "pass", "pass_file",
            "pass_command", "ca_file");

    private MailFields() { }

    /** @param bare keys written without a value: already reported, so not reported again as missing */
    static Optional<Config.MailSettings> read(Fields f, Set<String> bare) {
        Optional<String> firstMailKey = Optional.empty();
        for (String k : f.keys()) {
            if (ConfigParser.MAIL_KEYS.contains(k) || k.startsWith("pass")) {
                firstMailKey = Optional.of(k);
                break;
            }
        }
        if (firstMailKey.isEmpty()) {
            return Optional.empty();
        }
        for (String key : ConfigParser.MAIL_KEYS) {
            if (!f.has(key) && !bare.contains(key)) {
                f.problem(firstMailKey.get(), "mail is on ('" + firstMailKey.get() + "' is set) but '" + key
                        + "' is missing; add a line '" + key + " " + Keys.example(key)
                        + "' (or remove all mail keys to turn mail off)");
            }
        }
        List<String> receivers = new ArrayList<>();
        if (f.has("receiver")) {
            for (String r : f.value("receiver").split("\\s*,\\s*")) {
                if (!ADDRESS.matcher(r).matches()) {
                    f.problem("receiver", "'" + Keys.shown(r) + "' is not an email address; write addresses"
                            + " like 'receiver you@example.com,team@example.com'");
                } else if (!ASCII.matcher(r).matches()) {
                    f.problem("receiver", notAscii(r));
                }
                receivers.add(r);
            }
        }
        String sender = f.has("sender") ? f.value("sender") : "";
        Optional<String> senderName = Optional.empty();
        Matcher named = NAMED.matcher(sender);
        if (named.matches()) {
            String name = named.group(1) != null ? named.group(1) : named.group(2);
            senderName = name.isBlank() ? Optional.empty() : Optional.of(name.strip());
            sender = named.group(3).strip();
        }
        if (!sender.isEmpty() && !ADDRESS.matcher(sender).matches()) {
            f.problem("sender", "'" + Keys.shown(f.value("sender")) + "' is not an email address; write"
                    + " 'sender alerts@example.com' or 'sender \"Memory Daemon\" <alerts@example.com>'");
        } else if (!ASCII.matcher(sender).matches()) {
            f.problem("sender", notAscii(sender));
        }
        String host = f.has("smtp") ? f.value("smtp") : "";
        if (!host.isEmpty() && !HOST.matcher(host).matches()) {
            f.problem("smtp", "'" + Keys.shown(host) + "' is not a host name; write 'smtp smtp.example.com'");
        }
        int port = f.has("port") ? f.integer("port", 1, 65535, "the SMTP port, e.g. 'port 587'") : 0;
        Tls tls = Tls.AUTO;
        if (f.has("tls")) {
            try {
                tls = Tls.parse(f.value("tls"));
            } catch (IllegalArgumentException ex) {
                f.problem("tls", "'" + Keys.shown(f.value("tls")) + "' is not a TLS mode; write 'tls auto',"
                        + " 'tls starttls', 'tls ssl' or 'tls none'");
            }
        }
        Optional<Path> caFile = f.has("ca_file") ? Optional.of(f.path("ca_file")) : Optional.empty();
        return Optional.of(new Config.MailSettings(receivers, sender, password(f), host, port, tls, senderName,
                caFile));
    }

    /** Mail servers take such addresses only with SMTPUTF8, which memory-daemon does not speak. */
    private static String notAscii(String address) {
        return "'" + Keys.shown(address) + "' is not ASCII; write the address as your mail provider gives it"
                + " in ASCII (a domain as its xn-- form)";
    }

    private static Optional<PasswordSource> password(Fields f) {
        List<String> set = PASS_KEYS.stream().filter(f::has).toList();
        if (set.size() > 1) {
            f.problem(set.get(1), "set only one of pass, pass_file and pass_command; delete the others");
        } else if (f.has("pass")) {
            return Optional.of(new PasswordSource.Plain(f.value("pass")));
        } else if (f.has("pass_file")) {
            return Optional.of(new PasswordSource.FromFile(f.path("pass_file")));
        } else if (f.has("pass_command")) {
            return Optional.of(new PasswordSource.FromCommand(f.value("pass_command"), f.line("pass_command")));
        }
        return Optional.empty();
    }
}
