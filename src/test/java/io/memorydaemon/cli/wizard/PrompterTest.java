// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrompterTest {
    private final StringWriter out = new StringWriter();

    private Prompter answering(String input) {
        return Prompter.plain(new BufferedReader(new StringReader(input)), new PrintWriter(out, true));
    }

    @Test
    void yesNoTakesTheDefaultOnEnterAndAsksAgainOnAnythingElse() {
        assertTrue(answering("\n").yesNo("Remove?", true));
        assertFalse(answering("maybe\nN\n").yesNo("Keep?", true));
        assertEquals("Keep? [Y/n] Please answer y or n.\nKeep? [Y/n] ", out.toString().substring(out.toString().indexOf("Keep")));
    }

    @Test
    void numbersOutsideTheRangeAreAskedAgain() {
        assertEquals(7, answering("0\nseven\n60\n7\n").number("Every", 1, 59, 5));
        assertEquals(3, out.toString().split("Please give a whole number from 1 to 59.", -1).length - 1);
        assertEquals(5, answering("\n").number("Every", 1, 59, 5));
    }

    @Test
    void endOfInputEndsTheDialogue() {
        assertThrows(Prompter.EndOfInput.class, () -> answering("").ask("Receiver", ""));
        assertThrows(Prompter.EndOfInput.class, () -> answering("").secret("Password"));
        assertEquals("s3cret pass", answering("  s3cret pass \n").secret("Password"));
    }

    @Test
    void anOverLongAnswerIsRefusedAndAskedAgain() {
        assertEquals("me@x.org", answering("x".repeat(5000) + "\nme@x.org\n").ask("Receiver", ""));
        assertTrue(out.toString().contains("Receiver: \nThat answer is 5000 characters long; answers are at most 4096."
                + " Please answer again.\nReceiver: "), out.toString());
        assertEquals("x".repeat(4096), answering("x".repeat(4096) + "\n").ask("Receiver", ""));
    }

    /** 24 million characters on one line, made as they are read: the prompter must not keep them. */
    @Test
    void aHugeLineIsSkippedWithoutBeingKept() {
        long size = 24L * 1024 * 1024;
        Prompter p = Prompter.plain(new BufferedReader(new Generated(size, "5\n")), new PrintWriter(out, true));

        assertEquals(5, p.number("Every", 1, 59, 7));
        assertTrue(out.toString().contains("That answer is " + size + " characters long;"), out.toString());
        Prompter ending = Prompter.plain(new BufferedReader(new Generated(size, "")), new PrintWriter(out, true));
        assertThrows(Prompter.EndOfInput.class, () -> ending.yesNo("Remove?", true));
    }

    @Test
    void anAnswerWithAControlCharacterIsAskedAgain() {
        assertEquals("bob@x.org", answering("bob\u001b[31m\nbo\0b\nbob@x.org\n").ask("Receiver", ""));
        assertTrue(out.toString().contains("That answer holds the control character U+001B; please type plain text.\n"),
                out.toString());
        assertTrue(out.toString().contains("That answer holds a NUL byte; please type plain text.\n"), out.toString());
        assertEquals("pw", answering("p\tw\npw\n").secret("Password"));
        assertTrue(answering("yes\r\n").yesNo("Keep?", false), "a CRLF line end is not a control character");
    }

    @Test
    void everyLineEndEndsAnAnswerAsReadLineDid() {
        Prompter p = answering("a\rb\r\nc\n\nd");
        assertEquals(List.of("a", "b", "c", "", "d"), List.of(p.line("? "), p.line("? "), p.line("? "), p.line("? "),
                p.line("? ")));
        assertThrows(Prompter.EndOfInput.class, () -> p.line("? "));
    }

    /** {@code size} characters of 'a' and a newline, then {@code rest}, without ever holding them. */
    private static final class Generated extends Reader {
        private long left;
        private final String rest;
        private int restAt = -1;

        Generated(long size, String rest) {
            this.left = size;
            this.rest = rest;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            int n = 0;
            while (n < len && left > 0) {
                buf[off + n++] = 'a';
                left--;
            }
            if (n == 0 && restAt < 0) {
                restAt = 0;
                buf[off] = '\n';
                return 1;
            }
            while (n < len && restAt >= 0 && restAt < rest.length()) {
                buf[off + n++] = rest.charAt(restAt++);
            }
            return n == 0 ? -1 : n;
        }

        @Override
        public void close() { }
    }
}
