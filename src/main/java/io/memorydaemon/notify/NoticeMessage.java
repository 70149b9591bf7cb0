// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
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

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
