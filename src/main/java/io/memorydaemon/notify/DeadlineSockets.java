// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The sockets of one SMTP session, closed when the session's deadline passes. Angus Mail's timeouts are per read:
 * a server that sends a byte every few seconds keeps a session alive for ever. Angus creates the TCP socket through
 * this factory (TLS, implicit or STARTTLS, is layered on top of it), so closing it ends any read, write or
 * handshake at once, and the session fails with an exception like any broken connection.
 */
final class DeadlineSockets extends SocketFactory implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "md-smtp-deadline");
        t.setDaemon(true);
        return t;
    });

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> alarm;
    private volatile boolean expired;

    DeadlineSockets(Duration limit) {
        this.alarm = TIMER.schedule(this::expire, Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Whether the deadline closed the session (rather than the server or the network). */
    boolean expired() {
        return expired;
    }

    private void expire() {
        expired = true;
        sockets.forEach(DeadlineSockets::closeQuietly);
    }

    private Socket track(Socket s) throws IOException {
        sockets.add(s);
        if (expired) {
            closeQuietly(s);
            throw new IOException("the session's deadline passed");
        }
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return track(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return track(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return track(new Socket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return track(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        return track(new Socket(host, port, local, localPort));
    }

    /**
     * TLS over this session's sockets, for Angus's {@code ssl.socketFactory}. Given an SSLSocketFactory, Angus makes
     * the TCP socket itself (not through {@link #createSocket()}) and then layers TLS on it through
     * {@link SSLSocketFactory#createSocket(Socket, String, int, boolean)}; that is where the TCP socket is tracked,
     * so the deadline still closes it in the handshake. Its connect is bounded by the connect timeout, which the
     * session sets no longer than the deadline.
     */
    SSLSocketFactory tls(SSLSocketFactory trust) {
        return new SSLSocketFactory() {
            @Override
            public Socket createSocket(Socket tcp, String host, int port, boolean autoClose) throws IOException {
                return trust.createSocket(track(tcp), host, port, autoClose);
            }

            @Override
            public Socket createSocket() throws IOException {
                return track(trust.createSocket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return track(trust.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return track(trust.createSocket(host, port, local, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return track(trust.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
                    throws IOException {
                return track(trust.createSocket(host, port, local, localPort));
            }

            @Override
            public String[] getDefaultCipherSuites() {
                return trust.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return trust.getSupportedCipherSuites();
            }
        };
    }

    /** The session is over: cancel the alarm and close what is left open. */
    @Override
    public void close() {
        alarm.cancel(false);
        sockets.forEach(DeadlineSockets::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing is all that is left to do
        }
    }
}
