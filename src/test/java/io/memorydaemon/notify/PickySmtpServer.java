// SPDX-License-Identifier: MIT
package io.memorydaemon.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain SMTP server on loopback that refuses, after DATA, every mail whose text holds a given word (554), and
 * accepts the rest: a server's permanent refusal of one message, which GreenMail cannot be made to give.
 */
final class PickySmtpServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    private final String refused;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Thread thread = new Thread(this::serve, "picky-smtp");

    PickySmtpServer(String refusedWord) throws IOException {
        this.refused = refusedWord;
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The text of every mail accepted so far. */
    List<String> accepted() {
        return accepted;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                session(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)),
                        new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closed, or the client went away: wait for the next one
            }
        }
    }

    private void session(BufferedReader in, PrintWriter out) throws IOException {
        reply(out, "220 localhost picky ESMTP");
        for (String line; (line = in.readLine()) != null; ) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 localhost");
                case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    StringBuilder text = new StringBuilder();
                    for (String l; (l = in.readLine()) != null && !l.equals("."); ) {
                        text.append(l).append('\n');
                    }
                    if (text.indexOf(refused) >= 0) {
                        reply(out, "554 5.7.1 message refused by policy");
                    } else {
                        accepted.add(text.toString());
                        reply(out, "250 OK queued");
                    }
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
