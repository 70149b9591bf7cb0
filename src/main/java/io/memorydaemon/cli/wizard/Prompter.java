// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Asks the user questions on the injected input; end of input ends the dialogue with {@link EndOfInput}. */
public final class Prompter {

    /** Reads a password without echo where a terminal allows it. */
    @FunctionalInterface
    public interface SecretReader {
        /** The answer, or null at end of input. */
        String read(String prompt);
    }

    /** The user closed the input (Ctrl-D, or a script's stdin ran out). */
    public static final class EndOfInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EndOfInput() {
            super("end of input", null, false, false);
        }
    }

    private final BufferedReader in;
    private final PrintWriter out;
    private final SecretReader secret;

    public Prompter(BufferedReader in, PrintWriter out, SecretReader secret) {
        this.in = in;
        this.out = out;
        this.secret = secret;
    }

    /** A prompter whose passwords are read as plain lines (no terminal). */
    public static Prompter plain(BufferedReader in, PrintWriter out) {
        Prompter[] self = new Prompter[1];
        self[0] = new Prompter(in, out, prompt -> self[0].lineOrNull(prompt));
        return self[0];
    }

    /** One line, or null at end of input. */
    String lineOrNull(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String line(String prompt) {
        String line = lineOrNull(prompt);
        if (line == null) {
            throw new EndOfInput();
        }
        return line.strip();
    }

    /** The answer, or {@code fallback} for an empty answer. */
    String ask(String question, String fallback) {
        String a = line(question + (fallback.isEmpty() ? "" : " [" + fallback + "]") + ": ");
        return a.isEmpty() ? fallback : a;
    }

    boolean yesNo(String question, boolean fallback) {
        while (true) {
            String a = line(question + (fallback ? " [Y/n] " : " [y/N] ")).toLowerCase(Locale.ROOT);
            if (a.isEmpty()) {
                return fallback;
            }
            if (a.equals("y") || a.equals("yes")) {
                return true;
            }
            if (a.equals("n") || a.equals("no")) {
                return false;
            }
            out.println("Please answer y or n.");
        }
    }

    int number(String question, int min, int max, int fallback) {
        while (true) {
            String a = ask(question + " (" + min + "-" + max + ")", Integer.toString(fallback));
            try {
                int n = Integer.parseInt(a);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // asked again below
            }
            out.println("Please give a whole number from " + min + " to " + max + ".");
        }
    }

    /** A password, not echoed on a terminal; empty keeps the current one. */
    String secret(String question) {
        String a = secret.read(question + " (not shown; empty keeps the current one): ");
        if (a == null) {
            throw new EndOfInput();
        }
        return a.strip();
    }
}
