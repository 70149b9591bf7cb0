// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.List;

/**
 * Delivers notices. Called only after a pass has signalled and logged, outside the run lock; every call ends by
 * its deadline whatever the server does. A notice is kept in the outbox before it is delivered, so a run cut short
 * loses nothing; a kept mail is retried by later runs until it is delivered or refused for good.
 */
public interface Mailer {

    /**
     * How one mail went: {@code sent} (the server accepted it); else {@code kept} in the outbox for a later run,
     * with the reason, or {@code givenUp}: refused for good (or kept too long) and moved aside, not retried; or
     * neither (a test mail, which is never kept, or one the outbox could not take).
     */
    record Delivery(boolean sent, String detail, boolean givenUp, boolean kept) {
        public Delivery(boolean sent, String detail) {
            this(sent, detail, false, !sent);
        }

        public Delivery(boolean sent, String detail, boolean givenUp) {
            this(sent, detail, givenUp, !sent && !givenUp);
        }

        /** The same, never kept (a test mail). */
        public Delivery notKept() {
            return new Delivery(sent, detail, givenUp, false);
        }

        /** The log's word for it: {@code sent}, {@code kept}, {@code failed} (given up) or {@code not-sent}. */
        public String logWord() {
            return sent ? "sent" : givenUp ? "failed" : kept ? "kept" : "not-sent";
        }
    }

    /**
     * A notice kept in the outbox, or why it could not be.
     *
     * @param file where it is kept (0600); empty when the outbox refused it
     */
    record Kept(Notice notice, java.util.Optional<java.nio.file.Path> file, String problem) { }

    /**
     * Keeps the notice in the outbox: fast, no network, before the decision's log line, so a run stopped (or a
     * mail server down) from then on loses nothing.
     */
    Kept keep(Notice notice);

    /** Delivers a kept notice first, then other kept mails while the deadline allows. */
    List<Delivery> deliver(Kept kept, Deadline deadline);

    /** Keeps the notice, then delivers it first and other kept mails after it while the deadline allows. */
    default List<Delivery> send(Notice notice, Deadline deadline) {
        return deliver(keep(notice), deadline);
    }

    /** Delivers kept mails, oldest first, while the deadline allows; one delivery per mail tried. */
    List<Delivery> retryKept(Deadline deadline);

    /** Sends once and never keeps it (the wizard's test: a test mail delivered hours later would only confuse). */
    Delivery sendOnce(Notice notice, Deadline deadline);

    /** Whether notices are waiting in the outbox (cheap: no mail classes loaded). */
    boolean hasKept();
}
