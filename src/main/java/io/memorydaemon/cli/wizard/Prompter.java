// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks the user questions on the injected input; end of input ends the dialogue with {@link EndOfInput}. Answers
 * are read bounded (a pasted file or a runaway script must not fill the memory) and must be plain text.
 */
public final class Prompter {
    /** Longer answers are refused: no md.conf value or menu choice comes near it. */
    static final int MAX_ANSWER_CHARS = 4096;

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
    /** The last line ended with \r: a \n right after it belongs to that line end. */
    private boolean afterCr;

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

    /** One line of at most {@link #MAX_ANSWER_CHARS}, or null at end of input; a longer one is asked again. */
    String lineOrNull(String prompt) {
        while (true) {
            out.print(prompt);
            out.flush();
            StringBuilder line = new StringBuilder();
            long length = 0;
            int c = read();
            if (afterCr && c == '\n') {
                c = read();
            }
            if (c < 0) {
                return null;
            }
            // \n, \r\n and \r end a line, as for BufferedReader.readLine; an over-long rest is counted, not kept
            for (; c >= 0 && c != '\n' && c != '\r'; c = read(), length++) {
                if (length < MAX_ANSWER_CHARS + 1) {
                    line.append((char) c);
                }
            }
            afterCr = c == '\r';
            if (length <= MAX_ANSWER_CHARS) {
                return line.toString();
            }
            out.println();
            out.println("That answer is " + length + " characters long; answers are at most " + MAX_ANSWER_CHARS
                    + ". Please answer again.");
        }
    }

    private int read() {
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain-text answer: one with a control character (an escape sequence, a NUL) is asked again. */
    String line(String prompt) {
        while (true) {
            String line = lineOrNull(prompt);
            if (line == null) {
                throw new EndOfInput();
            }
            Optional<String> bad = controlCharacter(line);
            if (bad.isEmpty()) {
                return line.strip();
            }
            out.println("That answer holds " + bad.get() + "; please type plain text.");
        }
    }

    /** The first control character in {@code text}, named; tabs too, as no answer needs one. */
    static Optional<String> controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(c == 0 ? "a NUL byte" : String.format("the control character U+%04X", (int) c));
            }
        }
        return Optional.empty();
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
        while (true) {
            String a = secret.read(question + " (not shown; empty keeps the current one): ");
            if (a == null) {
                throw new EndOfInput();
            }
            Optional<String> bad = controlCharacter(a);
            if (a.length() > MAX_ANSWER_CHARS) {
                out.println("That answer is " + a.length() + " characters long; answers are at most "
                        + MAX_ANSWER_CHARS + ". Please answer again.");
            } else if (bad.isPresent()) {
                out.println("That answer holds " + bad.get() + "; please type plain text.");
            } else {
                return a.strip();
            }
        }
    }
}
