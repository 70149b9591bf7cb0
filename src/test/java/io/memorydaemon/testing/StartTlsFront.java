// SPDX-License-Identifier: MIT
package io.memorydaemon.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback SMTP front that offers STARTTLS, which GreenMail 2.1 does not (its issue #135 is open; 2.1.7 has no
 * STARTTLS command). It speaks just enough ESMTP to get to the TLS handshake, refuses everything else before it
 * (so a delivery through the front proves STARTTLS was used), then relays the decrypted stream to GreenMail's plain
 * SMTP port: the client's second EHLO, its AUTH and the mail all reach GreenMail as sent.
 */
final class StartTlsFront implements AutoCloseable {
    private final ServerSocket server;
    private final SSLContext tls;
    private final int backendPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    StartTlsFront(SSLContext tls, int backendPort) throws IOException {
        this.tls = tls;
        this.backendPort = backendPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("starttls-front-accept", this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket client = server.accept();
                open.add(client);
                daemon("starttls-front-" + client.getPort(), () -> serve(client));
            }
        } catch (IOException closed) {
            // close() ends the loop
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            reply(out, "220 localhost ESMTP memory-daemon test front");
            for (String line = readLine(in); line != null; line = readLine(in)) {
                switch (line.split(" ", 2)[0].toUpperCase(Locale.ROOT)) {
                    case "EHLO" -> reply(out, "250-localhost\r\n250-STARTTLS\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 localhost");
                    case "NOOP", "RSET" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    case "STARTTLS" -> {
                        reply(out, "220 ready to start TLS");
                        relay(upgrade(client));
                        return;
                    }
                    default -> reply(out, "530 5.7.0 must issue a STARTTLS command first");
                }
            }
        } catch (IOException e) {
            // the client went away or the handshake failed: the client reports it
        } finally {
            open.remove(client);
        }
    }

    private SSLSocket upgrade(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true);
        s.setUseClientMode(false);
        s.startHandshake();
        return s;
    }

    private void relay(SSLSocket client) throws IOException {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            open.add(backend);
            readLine(backend.getInputStream()); // GreenMail's 220 greeting: the client already had ours
            daemon("starttls-front-up", () -> {
                try {
                    client.getInputStream().transferTo(backend.getOutputStream());
                    backend.shutdownOutput();
                } catch (IOException ignored) {
                    // one side closed; the other copy ends too
                }
            });
            backend.getInputStream().transferTo(client.getOutputStream());
        } finally {
            open.removeIf(Socket::isClosed);
        }
    }

    /** One CRLF-terminated line, read byte by byte so nothing after STARTTLS is consumed before the handshake. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
