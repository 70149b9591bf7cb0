// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted SMTP peer on loopback that misbehaves on purpose, as mail servers on badly managed machines do:
 * {@link Mode#HANG} accepts the connection and never says a word; {@link Mode#TRICKLE} sends its greeting one
 * byte every two seconds, so every read beats a per-read timeout; {@link Mode#REFUSE} speaks SMTP and answers
 * 554 after DATA to every mail. Each connection is served by a thread of its own until the peer is closed.
 */
public final class BadSmtpPeer implements AutoCloseable {

    public enum Mode { HANG, TRICKLE, REFUSE }

    private static final long TRICKLE_MILLIS = 2_000;

    private final Mode mode;
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public BadSmtpPeer(Mode mode) throws IOException {
        this.mode = mode;
        Thread t = new Thread(this::accept, "bad-smtp-" + mode);
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** md.conf's mail lines for this peer (no password, plain SMTP). */
    public String mailLines(String receiver) {
        return "receiver " + receiver + "\nsender md@example.test\nsmtp 127.0.0.1\nport " + port() + "\ntls none\n";
    }

    /** How many SMTP sessions were opened to it. */
    public int connections() {
        return connections.get();
    }

    /** How many mails it refused with 554. */
    public int refused() {
        return refused.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                clients.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "bad-smtp-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            switch (mode) {
                case HANG -> s.getInputStream().transferTo(OutputStream.nullOutputStream());
                case TRICKLE -> {
                    // a greeting that never ends: "220-" continuation lines, one byte at a time
                    for (int i = 0; !s.isClosed(); i++) {
                        out.write("220-slow\r\n".charAt(i % 10));
                        out.flush();
                        Thread.sleep(TRICKLE_MILLIS);
                    }
                }
                case REFUSE -> refuse(s, out);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up, or the peer is closing
        }
    }

    private void refuse(Socket s, OutputStream out) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        reply(out, "220 localhost refusing ESMTP");
        for (String line; (line = in.readLine()) != null; ) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 localhost");
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the mail is read and thrown away
                    }
                    refused.incrementAndGet();
                    reply(out, "554 5.7.1 message refused by policy");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 OK");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : clients) {
            s.close();
        }
    }
}
