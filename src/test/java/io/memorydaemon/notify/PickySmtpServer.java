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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain SMTP server on loopback that refuses, after DATA, every mail whose text holds a given word (554), and
 * accepts the rest: a server's permanent refusal of one message, which GreenMail cannot be made to give. At RCPT it
 * refuses {@code gone@…} for good (550) and {@code busy@…} for now (451) while {@link #busy} is set; it records the
 * commands it was sent and each accepted mail's envelope.
 */
final class PickySmtpServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    private final String refused;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<List<String>> envelopes = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    volatile boolean busy = true;
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

    /** The receivers of each accepted mail, as RCPT gave them. */
    List<List<String>> envelopes() {
        return envelopes;
    }

    /** Every command line received, in order (AUTH's argument included). */
    List<String> commands() {
        return commands;
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
        List<String> rcpt = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            commands.add(line);
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250 localhost");
                case "RCPT" -> {
                    if (line.contains("<gone@")) {
                        reply(out, "550 5.1.1 no such user here");
                    } else if (line.contains("<busy@") && busy) {
                        reply(out, "451 4.2.1 mailbox busy, try later");
                    } else {
                        rcpt.add(line.replaceAll(".*<(.*)>.*", "$1"));
                        reply(out, "250 OK");
                    }
                }
                case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
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
                        envelopes.add(List.copyOf(rcpt));
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
