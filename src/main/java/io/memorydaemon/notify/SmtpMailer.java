// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Notice;
import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.Tls;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLException;

/** Sends notices over SMTP with Angus Mail; what cannot be sent goes to the outbox and is retried later. */
public final class SmtpMailer implements Mailer {
    /** A dead server must not hang cron: every connect, read and write gives up after these. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

    private final MailSettings settings;
    private final Outbox outbox;
    private final String hostname;
    private final Duration connectTimeout;
    private final Duration ioTimeout;

    public SmtpMailer(MailSettings settings, Outbox outbox, String hostname) {
        this(settings, outbox, hostname, CONNECT_TIMEOUT, IO_TIMEOUT);
    }

    SmtpMailer(MailSettings settings, Outbox outbox, String hostname, Duration connectTimeout, Duration ioTimeout) {
        this.settings = settings;
        this.outbox = outbox;
        this.hostname = hostname;
        this.connectTimeout = connectTimeout;
        this.ioTimeout = ioTimeout;
    }

    @Override
    public Delivery send(Notice notice) {
        Session session = session();
        MimeMessage message;
        try {
            message = compose(session, notice);
        } catch (MessagingException e) {
            return new Delivery(false, "cannot compose the mail: " + e.getMessage());
        }
        try {
            transmit(session, message);
            return new Delivery(true, "accepted by " + server() + " for " + String.join(", ", settings.receivers()));
        } catch (MessagingException | IOException e) {
            return keep(message, explain(e));
        }
    }

    @Override
    public List<Delivery> retryKept() {
        List<Delivery> results = new ArrayList<>();
        Session session = null;
        for (Path file : outbox.list()) {
            if (session == null) {
                session = session();
            }
            try (InputStream in = Files.newInputStream(file)) {
                MimeMessage message = new MimeMessage(session, in);
                transmit(session, message);
                Files.delete(file);
                results.add(new Delivery(true, "kept mail " + file.getFileName() + " accepted by " + server()));
            } catch (MessagingException | IOException e) {
                results.add(new Delivery(false, "kept mail " + file.getFileName() + " still not sent: " + explain(e)));
                break; // the server is still unreachable or refusing: leave the rest for the next run
            }
        }
        return results;
    }

    @Override
    public boolean hasKept() {
        return !outbox.isEmpty();
    }

    private Delivery keep(MimeMessage message, String reason) {
        try {
            Path file = outbox.keep(out -> {
                try {
                    message.writeTo(out);
                } catch (MessagingException e) {
                    throw new IOException(e);
                }
            });
            return new Delivery(false, reason + "; kept in " + file + ", retried on the next run");
        } catch (IOException e) {
            return new Delivery(false, reason + "; and it could not be kept in " + outbox.dir() + ": " + e.getMessage());
        }
    }

    private MimeMessage compose(Session session, Notice notice) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(settings.sender()));
        List<Address> to = new ArrayList<>();
        for (String r : settings.receivers()) {
            to.add(new InternetAddress(r));
        }
        m.setRecipients(Message.RecipientType.TO, to.toArray(Address[]::new));
        m.setSubject(notice.subject(), "UTF-8");
        m.setText(notice.body(), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("X-Memory-Daemon", notice.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.saveChanges();
        return m;
    }

    private void transmit(Session session, MimeMessage message) throws MessagingException, IOException {
        String password;
        try {
            password = settings.password().isPresent() ? settings.password().get().resolve() : null;
        } catch (IOException e) {
            throw new PasswordUnavailable(e);
        }
        try (Transport t = session.getTransport(protocol())) {
            t.connect(settings.smtpHost(), settings.smtpPort(), password == null ? null : settings.sender(), password);
            t.sendMessage(message, message.getAllRecipients());
        }
    }

    private String protocol() {
        return effectiveTls() == Tls.SSL ? "smtps" : "smtp";
    }

    Tls effectiveTls() {
        if (settings.tls() != Tls.AUTO) {
            return settings.tls();
        }
        return switch (settings.smtpPort()) {
            case 465 -> Tls.SSL;
            case 587 -> Tls.STARTTLS;
            default -> Tls.AUTO;
        };
    }

    private Session session() {
        Properties p = new Properties();
        String proto = protocol();
        String pre = "mail." + proto + ".";
        p.setProperty(pre + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        p.setProperty(pre + "timeout", Long.toString(ioTimeout.toMillis()));
        p.setProperty(pre + "writetimeout", Long.toString(ioTimeout.toMillis()));
        p.setProperty(pre + "auth", Boolean.toString(settings.password().isPresent()));
        p.setProperty(pre + "localhost", hostname);
        p.setProperty(pre + "ssl.checkserveridentity", "true");
        switch (effectiveTls()) {
            case STARTTLS -> {
                p.setProperty(pre + "starttls.enable", "true");
                p.setProperty(pre + "starttls.required", "true");
            }
            case AUTO -> p.setProperty(pre + "starttls.enable", "true"); // when the server offers it
            case SSL -> p.setProperty(pre + "ssl.enable", "true");
            case NONE -> { }
        }
        return Session.getInstance(p);
    }

    private String server() {
        return settings.smtpHost() + ":" + settings.smtpPort();
    }

    /** One line saying what went wrong, with the server's own words, and what to change. */
    private String explain(Exception e) {
        if (e instanceof AuthenticationFailedException) {
            return "mail not sent: " + server() + " rejected the login of " + settings.sender() + " ("
                    + oneLine(e.getMessage()) + "); check 'pass' (or pass_file/pass_command) in md.conf";
        }
        if (e instanceof PasswordUnavailable) {
            return "mail not sent: " + oneLine(e.getMessage()) + "; check pass_file/pass_command in md.conf";
        }
        if (e instanceof AddressException) {
            return "mail not sent: bad address (" + oneLine(e.getMessage()) + "); check receiver and sender in md.conf";
        }
        if (oneLine(e.getMessage()).contains("host does not support STARTTLS")) {
            return "mail not sent: " + server() + " does not offer STARTTLS, which 'tls " + settings.tls().key()
                    + "' requires; use 'tls ssl' with the server's SMTPS port (often 465)";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root == e ? oneLine(e.getMessage()) : oneLine(e.getMessage()) + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + oneLine(root.getMessage()));
        if (hasCause(e, SSLException.class) || hasCause(e, CertificateException.class)) {
            return "mail not sent via " + server() + " (" + why + "); the TLS handshake failed: check smtp (the name"
                    + " in the server's certificate), port and tls in md.conf; for a private CA start with"
                    + " MD_JAVA_OPTS=-Djavax.net.ssl.trustStore=FILE";
        }
        return "mail not sent via " + server() + " (" + why + "); check smtp, port and tls in md.conf";
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
    private static final class PasswordUnavailable extends IOException {
        private static final long serialVersionUID = 1L;

        PasswordUnavailable(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
