// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Notice;
import io.memorydaemon.config.Config.MailSettings;
import io.memorydaemon.config.Tls;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

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
            return keep(message, FailureText.of(e, server(), settings));
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
                address(message); // md.conf may have been fixed since: a kept mail goes where it says now
                message.saveChanges();
                transmit(session, message);
                Files.delete(file);
                results.add(new Delivery(true, "kept mail " + file.getFileName() + " accepted by " + server()));
            } catch (MessagingException | IOException e) {
                results.add(new Delivery(false, "kept mail " + file.getFileName() + " still not sent: "
                        + FailureText.of(e, server(), settings)));
                if (!(e instanceof SendFailedException)) {
                    break; // unreachable, or refusing us: the rest would fail alike; leave them for the next run
                }
                // the server refused this one mail: it stays kept, and the mails behind it still go
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
        address(m);
        m.setSubject(notice.subject(), "UTF-8");
        m.setText(notice.body(), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("X-Memory-Daemon", notice.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.saveChanges();
        return m;
    }

    private void address(MimeMessage m) throws MessagingException {
        m.setFrom(new InternetAddress(settings.sender()));
        List<Address> to = new ArrayList<>();
        for (String r : settings.receivers()) {
            to.add(new InternetAddress(r));
        }
        m.setRecipients(Message.RecipientType.TO, to.toArray(Address[]::new));
    }

    private void transmit(Session session, MimeMessage message) throws MessagingException, IOException {
        String password;
        try {
            password = settings.password().isPresent() ? settings.password().get().resolve() : null;
        } catch (IOException e) {
            throw new FailureText.PasswordUnavailable(e);
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
}
