// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.check.Notice;
import io.memorydaemon.config.Config.MailSettings;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * A notice as mail providers accept it: a Message-ID in the sender's domain, made once and kept across retries (the
 * default one would be made again at each retry, from a name lookup of this host), and a subject whose ASCII
 * prefix stays readable in any client.
 */
final class NoticeMessage extends MimeMessage {
    private final String domain;

    NoticeMessage(Session session, String sender) {
        super(session);
        this.domain = domainOf(sender);
    }

    /** A kept mail, read back from the outbox. */
    NoticeMessage(Session session, InputStream kept, String sender) throws MessagingException {
        super(session, kept);
        this.domain = domainOf(sender);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID", null) == null) {
            setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
        }
    }

    /** The subject with only its non-ASCII tail encoded: {@code [RAM Threshold Notification] =?UTF-8?Q?…?=}. */
    void setNoticeSubject(String subject) throws MessagingException {
        int cut = 0;
        while (cut < subject.length() && subject.charAt(cut) < 0x80) {
            cut++;
        }
        if (cut == subject.length()) {
            setSubject(subject, "UTF-8");
            return;
        }
        cut = subject.lastIndexOf(' ', cut) + 1; // the encoded word starts after a space, or at the start
        try {
            String tail = MimeUtility.encodeWord(subject.substring(cut), "UTF-8", "Q");
            setHeader("Subject", MimeUtility.fold(9, subject.substring(0, cut) + tail));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode the subject", e);
        }
    }

    /** A receiver besides md.conf's, kept in the mail so a retry reaches it too (the system watcher's process owner). */
    static final String ALSO_TO = "X-Memory-Daemon-Also-To";

    /** The notice as a message to md.conf's receivers (and its {@link Notice#alsoTo}). */
    static NoticeMessage compose(Notice notice, MailSettings settings) throws MessagingException {
        NoticeMessage m = new NoticeMessage(Session.getInstance(new Properties()), settings.sender());
        address(m, settings);
        m.setNoticeSubject(notice.subject());
        m.setText(notice.body(), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("X-Memory-Daemon", notice.kind().name().toLowerCase(java.util.Locale.ROOT));
        for (String owner : notice.alsoTo()) {
            m.addHeader(ALSO_TO, owner);
        }
        m.saveChanges();
        return m;
    }

    /** From, To and Auto-Submitted as md.conf says now (a kept mail is addressed again before each retry). */
    static void address(MimeMessage m, MailSettings settings) throws MessagingException {
        try {
            m.setFrom(new InternetAddress(settings.sender(), settings.senderName().orElse(null), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode the sender's name", e);
        }
        m.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies, no vacation notices
        List<Address> to = new ArrayList<>();
        for (String r : receivers(m, settings)) {
            to.add(new InternetAddress(r));
        }
        m.setRecipients(Message.RecipientType.TO, to.toArray(Address[]::new));
    }

    /** md.conf's receivers now, then the mail's own {@link #ALSO_TO} ones. */
    static List<String> receivers(MimeMessage m, MailSettings settings) throws MessagingException {
        List<String> all = new ArrayList<>(settings.receivers());
        String[] also = m.getHeader(ALSO_TO);
        for (String a : also == null ? new String[0] : also) {
            String address = new InternetAddress(a.strip(), true).getAddress();
            if (!all.contains(address)) {
                all.add(address);
            }
        }
        return all;
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
