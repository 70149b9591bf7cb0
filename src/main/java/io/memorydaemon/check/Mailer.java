// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import java.util.List;

/** Sends notices; a notice that cannot be sent is kept and retried later, never lost. */
public interface Mailer {

    /** How one send went: {@code sent}, or kept for retry with the server's reason. */
    record Delivery(boolean sent, String detail) { }

    /** Sends now; on failure keeps the notice in the outbox. Never throws. */
    Delivery send(Notice notice);

    /** Tries again every kept notice; returns one delivery per notice tried. */
    List<Delivery> retryKept();

    /** Whether notices are waiting in the outbox (cheap: no mail classes loaded). */
    boolean hasKept();
}
