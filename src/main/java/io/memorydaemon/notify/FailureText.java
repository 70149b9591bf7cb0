// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.config.Config.MailSettings;
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
        if (oneLine(e.getMessage()).contains("host does not support STARTTLS")) {
            return "mail not sent: " + server + " does not offer STARTTLS, which 'tls " + settings.tls().key()
                    + "' requires; use 'tls ssl' with the server's SMTPS port (often 465)";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root == e ? oneLine(e.getMessage()) : oneLine(e.getMessage()) + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + oneLine(root.getMessage()));
        if (hasCause(e, SSLException.class) || hasCause(e, CertificateException.class)) {
            return "mail not sent via " + server + " (" + why + "); the TLS handshake failed: check smtp (the name"
                    + " in the server's certificate), port and tls in md.conf; for a private CA start with"
                    + " MD_JAVA_OPTS=-Djavax.net.ssl.trustStore=FILE";
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

    /** The password could not be read: the server was never asked, so the hint is about md.conf, not the server. */
    static final class PasswordUnavailable extends IOException {
        private static final long serialVersionUID = 1L;

        PasswordUnavailable(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
