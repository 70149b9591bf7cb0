// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.check.Deadline;
import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.Tls;
import io.memorydaemon.system.Passwords;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * One SMTP session, from the password and the name lookup to QUIT, ended by its deadline whatever the server does:
 * {@link DeadlineSockets} closes the connection when the time is up.
 */
final class SmtpSession {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration IO_TIMEOUT = Duration.ofSeconds(30);
    /** One session, connect to QUIT, whatever the server does (a byte every few seconds beats IO_TIMEOUT). */
    static final Duration MAX = Duration.ofSeconds(30);
    /** A session is not begun with less time than this left: it could only be cut short. */
    static final Duration MIN = Duration.ofSeconds(2);

    private final MailSettings settings;
    private final String hostname;
    private final Map<String, String> env;
    private final Duration connectTimeout;
    private final Duration ioTimeout;

    SmtpSession(MailSettings settings, String hostname, Map<String, String> env, Duration connectTimeout,
                Duration ioTimeout) {
        this.settings = settings;
        this.hostname = hostname;
        this.env = env;
        this.connectTimeout = connectTimeout;
        this.ioTimeout = ioTimeout;
    }

    /** Delivers to {@code receivers}, ended by {@link #MAX} or the run's deadline, whichever comes first. */
    Receivers deliver(MimeMessage message, List<String> receivers, Deadline runDeadline)
            throws MessagingException, IOException {
        Deadline deadline = runDeadline.within(MAX);
        if (deadline.remaining().compareTo(MIN) < 0) {
            throw new IOException("no time left in this run to reach " + server());
        }
        String password;
        try {
            password = settings.password().isPresent()
                    ? Passwords.resolve(settings.password().get(), env, deadline.remaining()) : null;
        } catch (IOException e) {
            throw new FailureText.PasswordUnavailable(e);
        }
        HostLookup.resolve(settings.smtpHost(), deadline);
        Duration limit = deadline.remaining();
        // without TLS a ca_file gone since md.conf was read does not matter
        SSLSocketFactory trust = TrustedCas.factory(SessionProperties.effectiveTls(settings) == Tls.NONE ? Optional.empty() : settings.caFile());
        try (DeadlineSockets sockets = new DeadlineSockets(limit)) {
            Properties p = SessionProperties.of(settings, sockets, trust, hostname, Math.min(connectTimeout.toMillis(),
                    limit.toMillis()), ioTimeout.toMillis());
            try (Transport t = Session.getInstance(p).getTransport(SessionProperties.protocol(settings))) {
                t.connect(settings.smtpHost(), settings.smtpPort(), password == null ? null : settings.sender(),
                        password);
                List<Address> to = new ArrayList<>();
                for (String r : receivers) {
                    to.add(new InternetAddress(r));
                }
                t.sendMessage(message, to.toArray(Address[]::new));
                return Receivers.all(receivers);
            } catch (MessagingException e) {
                if (sockets.expired()) {
                    throw new IOException(server() + " did not finish the SMTP session within "
                            + (limit.toMillis() + 500) / 1000 + " s (" + e.getMessage() + ")", e);
                }
                Optional<Receivers> some = Receivers.of(e);
                if (some.isPresent()) {
                    return some.get();
                }
                throw e;
            }
        }
    }

    String server() {
        return settings.smtpHost() + ":" + settings.smtpPort();
    }
}
