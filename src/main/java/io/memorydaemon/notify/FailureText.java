// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.Tls;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Why a mail was not sent, as one line: what went wrong, in the server's own words, and what to change. */
final class FailureText {
    private FailureText() { }

    static String of(Exception e, String server, MailSettings settings) {
        if (e instanceof AuthenticationFailedException) {
            return "mail not sent: " + server + " rejected the login of " + settings.sender() + " ("
                    + oneLine(e.getMessage()) + "); check 'pass' (or pass_file/pass_command) in md.conf";
        }
        if (e instanceof PasswordUnavailable) {
            return "mail not sent: " + oneLine(e.getMessage()) + "; check pass_file/pass_command in md.conf";
        }
        if (e instanceof AddressException) {
            return "mail not sent: bad address (" + oneLine(e.getMessage()) + "); check receiver and sender in md.conf";
        }
        if (e instanceof CaUnavailable) {
            return "mail not sent: " + oneLine(e.getMessage()) + "; fix ca_file in md.conf (a PEM CA certificate)";
        }
        if (oneLine(e.getMessage()).contains("host does not support STARTTLS")) {
            String rule = settings.tls() == Tls.AUTO
                    ? "which 'tls auto' requires with a password (it is never sent in clear)"
                    : "which 'tls " + settings.tls().key() + "' requires";
            return "mail not sent: " + server + " does not offer STARTTLS, " + rule + "; use 'tls ssl' with the"
                    + " server's SMTPS port (often 465)" + (settings.tls() == Tls.AUTO
                    ? ", or 'tls none' only if the network to the server is trusted" : "");
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root == e ? oneLine(e.getMessage()) : oneLine(e.getMessage()) + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + oneLine(root.getMessage()));
        if (hasCause(e, SSLException.class) || hasCause(e, CertificateException.class)) {
            return "mail not sent via " + server + " (" + why + "); the TLS handshake failed: check smtp (the name"
                    + " in the server's certificate), port and tls in md.conf; for a private CA name its PEM"
                    + " certificate in 'ca_file'" + settings.caFile().map(f -> " (now " + f + ")").orElse("");
        }
        return "mail not sent via " + server + " (" + why + "); check smtp, port and tls in md.conf";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** md.conf's ca_file cannot be used now: the server was never asked. */
    static final class CaUnavailable extends IOException {
        private static final long serialVersionUID = 1L;

        CaUnavailable(String message, Exception cause) {
            super(message, cause);
        }
    }

    /** The password could not be read: the server was never asked, so the hint is about md.conf, not the server. */
    static final class PasswordUnavailable extends IOException {
        private static final long serialVersionUID = 1L;

        PasswordUnavailable(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
