// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What the tests' local HTTP daemons (Prometheus, node_exporter) share: a free loopback port, a GET with deadlines
 * that must answer 200, waiting until the daemon answers, and stopping it.
 */
final class LoopbackService {
    /** One attempt of a readiness probe; an {@link IOException} means "not yet". */
    interface Probe {
        void attempt() throws IOException, InterruptedException;
    }

    private LoopbackService() {
    }

    /** A loopback port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    /** The body of a GET of {@code uri}, which must answer 200 within 5 s to connect and 10 s to read. */
    static String get(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10_000);
        try {
            int status = c.getResponseCode();
            try (InputStream in = status == 200 ? c.getInputStream() : c.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (status != 200) {
                    throw new IOException(uri + " answered " + status + ": " + body);
                }
                return body;
            }
        } finally {
            c.disconnect();
        }
    }

    /**
     * Repeats {@code probe} every {@code pollMillis} until it succeeds; throws the last failure when {@code process}
     * died or {@code seconds} passed.
     */
    static void awaitReady(Process process, Probe probe, int seconds, long pollMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                probe.attempt();
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(pollMillis);
            }
        }
    }

    /** SIGTERM, and SIGKILL when it has not ended within {@code seconds}. */
    static void stop(Process process, int seconds) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
