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
     * How one mail went: {@code sent}; else kept for a later run with the reason, or {@code givenUp}: refused for
     * good (or kept too long) and moved aside, not retried.
     */
    record Delivery(boolean sent, String detail, boolean givenUp) {
        public Delivery(boolean sent, String detail) {
            this(sent, detail, false);
        }
    }

    /** Keeps the notice, then delivers it first and other kept mails after it while the deadline allows. */
    List<Delivery> send(Notice notice, Deadline deadline);

    /** Delivers kept mails, oldest first, while the deadline allows; one delivery per mail tried. */
    List<Delivery> retryKept(Deadline deadline);

    /** Sends once and never keeps it (the wizard's test: a test mail delivered hours later would only confuse). */
    Delivery sendOnce(Notice notice, Deadline deadline);

    /** Whether notices are waiting in the outbox (cheap: no mail classes loaded). */
    boolean hasKept();
}
