// SPDX-License-Identifier: MIT
package io.memorydaemon.cli.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
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
}
