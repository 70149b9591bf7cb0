// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.Tls;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/** Angus Mail's settings for one SMTP session: TLS mode, timeouts, the deadline's sockets, what EHLO says. */
final class SessionProperties {
    private SessionProperties() { }

    static Tls effectiveTls(MailSettings settings) {
        if (settings.tls() != Tls.AUTO) {
            return settings.tls();
        }
        if (settings.smtpPort() == 465) {
            return Tls.SSL;
        }
        // a password is never sent in clear unless md.conf says 'tls none'
        return settings.smtpPort() == 587 || settings.password().isPresent() ? Tls.STARTTLS : Tls.AUTO;
    }

    static String protocol(MailSettings settings) {
        return effectiveTls(settings) == Tls.SSL ? "smtps" : "smtp";
    }

    /** What EHLO says: providers refuse a bare host name; the sender's domain is the next best. */
    static String ehloName(String hostname, MailSettings settings) {
        return hostname.contains(".") ? hostname : NoticeMessage.domainOf(settings.sender());
    }

    /**
     * @param connectMillis at most the session's time left: Angus connects an SMTPS socket itself, out of the
     *                      deadline's reach until TLS is layered on it (DeadlineSockets.tls)
     */
    static Properties of(MailSettings settings, DeadlineSockets sockets, SSLSocketFactory trust, String hostname,
                         long connectMillis, long ioMillis) {
        Properties p = new Properties();
        String pre = "mail." + protocol(settings) + ".";
        p.setProperty(pre + "connectiontimeout", Long.toString(Math.max(1, connectMillis)));
        p.setProperty(pre + "timeout", Long.toString(ioMillis));
        p.setProperty(pre + "writetimeout", Long.toString(ioMillis));
        p.put(pre + "socketFactory", sockets);
        p.setProperty(pre + "socketFactory.fallback", "false");
        p.put(pre + "ssl.socketFactory", sockets.tls(trust));
        p.setProperty(pre + "auth", Boolean.toString(settings.password().isPresent()));
        p.setProperty(pre + "localhost", ehloName(hostname, settings));
        p.setProperty(pre + "sendpartial", "true"); // one refused receiver does not keep the notice from the others
        p.setProperty(pre + "ssl.checkserveridentity", "true");
        switch (effectiveTls(settings)) {
            case STARTTLS -> {
                p.setProperty(pre + "starttls.enable", "true");
                p.setProperty(pre + "starttls.required", "true");
            }
            case AUTO -> p.setProperty(pre + "starttls.enable", "true"); // when the server offers it
            case SSL -> p.setProperty(pre + "ssl.enable", "true");
            case NONE -> { }
        }
        return p;
    }
}
