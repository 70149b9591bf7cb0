// SPDX-License-Identifier: MIT
package io.memorydaemon.app;

import io.memorydaemon.check.Mailer;
import io.memorydaemon.check.Outcome;
import io.memorydaemon.system.EventLog;
import java.time.Clock;
import java.util.List;

/** How mail went, one log line per mail: {@code mail=sent}, {@code mail=kept} or {@code mail=failed}. */
final class Deliveries {
    private Deliveries() { }

    /** Logs each delivery; false if any mail is not delivered (kept for later, or given up now). */
    static boolean log(List<Mailer.Delivery> deliveries, EventLog log) {
        boolean allSent = true;
        for (Mailer.Delivery d : deliveries) {
            String time = Outcome.timestamp(Clock.systemDefaultZone());
            if (d.sent()) {
                log.info(time + " mail=sent " + d.detail());
            } else {
                log.error(time + (d.givenUp() ? " mail=failed " : " mail=kept ") + d.detail());
                allSent = false;
            }
        }
        return allSent;
    }
}
