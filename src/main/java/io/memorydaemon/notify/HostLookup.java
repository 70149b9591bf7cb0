// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import io.memorydaemon.check.Deadline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The SMTP server's name looked up with a deadline: a resolver that does not answer blocks the JDK's lookup for as
 * long as its own retries last, which no socket timeout covers. The answer lands in the JDK's cache, where the
 * connect finds it.
 */
final class HostLookup {
    /** Longer than any healthy resolver needs, short beside the session's budget. */
    static final Duration LIMIT = Duration.ofSeconds(10);

    private HostLookup() { }

    static void resolve(String host, Deadline session) throws IOException {
        Deadline deadline = session.within(LIMIT);
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                lookup.complete(InetAddress.getAllByName(host));
            } catch (UnknownHostException | RuntimeException e) {
                lookup.completeExceptionally(e);
            }
        }, "md-dns");
        t.setDaemon(true);
        t.start();
        try {
            lookup.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the name " + host + " was not resolved within " + LIMIT.toSeconds()
                    + " s (DNS does not answer)");
        } catch (ExecutionException e) {
            throw new UnknownHostException(host + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + host, e);
        }
    }
}
