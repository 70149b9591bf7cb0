// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which receivers a kept mail has reached, or been refused for good by, recorded in headers of the kept file and
 * taken out before each send: a partly delivered mail is not sent again to those who got it, and a receiver the
 * server refused for good is not offered again.
 */
record Progress(Set<String> sentTo, Set<String> refused) {
    static final String SENT_TO = "X-Memory-Daemon-Sent-To";
    static final String REFUSED = "X-Memory-Daemon-Refused";

    /** Reads and removes the record from {@code m}. */
    static Progress takeFrom(MimeMessage m) throws MessagingException {
        Progress p = new Progress(list(m, SENT_TO), list(m, REFUSED));
        m.removeHeader(SENT_TO);
        m.removeHeader(REFUSED);
        return p;
    }

    /** The receivers still to try, of those md.conf names now. */
    List<String> remaining(List<String> receivers) {
        return receivers.stream().filter(r -> !sentTo.contains(r) && !refused.contains(r)).toList();
    }

    Progress plus(Receivers session) {
        Set<String> sent = new LinkedHashSet<>(sentTo);
        sent.addAll(session.accepted());
        Set<String> gone = new LinkedHashSet<>(refused);
        gone.addAll(session.refusedFor(true));
        return new Progress(sent, gone);
    }

    void writeTo(MimeMessage m) throws MessagingException {
        if (!sentTo.isEmpty()) {
            m.setHeader(SENT_TO, String.join(", ", sentTo));
        }
        if (!refused.isEmpty()) {
            m.setHeader(REFUSED, String.join(", ", refused));
        }
    }

    private static Set<String> list(MimeMessage m, String header) throws MessagingException {
        String value = m.getHeader(header, ",");
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            out.addAll(Arrays.asList(value.strip().split("\\s*,\\s*")));
            out.remove("");
        }
        return out;
    }
}
