// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Who one SMTP session reached: with {@code sendpartial} the server's refusal of one receiver does not keep the
 * notice from the others, and each refused receiver is named with the server's reply.
 *
 * @param accepted the receivers the server took the mail for
 * @param refused  the receivers it refused at RCPT, each with its reply
 */
record Receivers(List<String> accepted, List<Refused> refused) {

    /** One receiver the server would not take. */
    record Refused(String address, int code, String reply) {
        /** 5xx: it will refuse this address again; 4xx: it may take it later. */
        boolean permanent() {
            return code / 100 == 5;
        }

        @Override
        public String toString() {
            return address + " (" + reply.replaceAll("\\s+", " ").strip() + ")";
        }
    }

    static Receivers all(List<String> recipients) {
        return new Receivers(recipients, List.of());
    }

    /**
     * The receivers from a failure that is about some of them (refused at RCPT, the mail itself taken or not sent
     * at all); empty when the failure is about the session or the mail (login, link, a 5xx after DATA).
     */
    static Optional<Receivers> of(MessagingException e) {
        if (!(e instanceof SendFailedException sf)
                || (e instanceof SMTPSendFailedException s && s.getReturnCode() / 100 != 2)) {
            return Optional.empty(); // not even partly taken: the mail's own failure (MAIL FROM, DATA)
        }
        List<Refused> refused = new ArrayList<>();
        for (Exception x = e; x != null;
             x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                refused.add(new Refused(a.getAddress().getAddress(), a.getReturnCode(), a.getMessage()));
            }
        }
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Receivers(addresses(sf.getValidSentAddresses()), refused));
    }

    List<String> refusedFor(boolean permanent) {
        return refused.stream().filter(r -> r.permanent() == permanent).map(Refused::address).toList();
    }

    /** {@code a@x refused (550 …); check 'receiver' in md.conf}, or empty when none was refused. */
    String refusedText() {
        if (refused.isEmpty()) {
            return "";
        }
        return refused.stream().map(Refused::toString).collect(Collectors.joining(", "))
                + (refusedFor(true).isEmpty() ? " deferred by the server" : " refused; check 'receiver' in md.conf");
    }

    private static List<String> addresses(Address[] addresses) {
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                out.add(a instanceof InternetAddress i ? i.getAddress() : a.toString());
            }
        }
        return out;
    }
}
