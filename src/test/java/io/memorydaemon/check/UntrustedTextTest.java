// SPDX-License-Identifier: MIT
package io.memorydaemon.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UntrustedTextTest {

    @Test
    void lineBreaksOfEveryKindBecomeVisibleEscapes() {
        assertEquals("a\\nb\\rc\\td", UntrustedText.escape("a\nb\rc\td"));
        assertEquals("nel\\x85 ls\\u{2028} ps\\u{2029} vt\\x0B ff\\x0C",
                UntrustedText.escape("nel\u0085 ls\u2028 ps\u2029 vt\u000B ff\u000C"));
    }

    @Test
    void terminalEscapesDeleteAndC1ControlsAreEscaped() {
        assertEquals("\\x1B[31mred\\x1B[0m \\x00 \\x7F \\x9B",
                UntrustedText.escape("\u001B[31mred\u001B[0m \u0000 \u007F \u009B"));
    }

    @Test
    void bidiOverridesAndIsolatesCannotReorderWhatTheReaderSees() {
        // "evil.sh" shown as "hs.live" by a right-to-left override
        assertEquals("\\u{202E}hs.live \\u{202A}\\u{202B}\\u{202C}\\u{202D} \\u{2066}\\u{2067}\\u{2068}\\u{2069}",
                UntrustedText.escape("\u202Ehs.live \u202A\u202B\u202C\u202D \u2066\u2067\u2068\u2069"));
    }

    @Test
    void ordinaryTextIncludingBackslashesAndNonAsciiStaysAsItIs() {
        String text = "grep -E 'a\\.b' /home/zoë/日本語 🐍 --n=\\n";
        assertEquals(text, UntrustedText.escape(text));
    }

    @Test
    void escapingTwiceChangesNothing() {
        String once = UntrustedText.escape("a\nb\u202E\u0001");
        assertEquals(once, UntrustedText.escape(once));
    }

    @Test
    void aCutNeverSplitsAnEscapeOrACharacter() {
        assertEquals("ab…", UntrustedText.escape("ab\ncd", 3));
        assertEquals("ab\\n…", UntrustedText.escape("ab\ncd", 4));
        assertEquals("a…", UntrustedText.escape("a🐍", 2));
        assertEquals("x".repeat(200), UntrustedText.escape("x".repeat(200), 200));
        assertEquals("x".repeat(200) + "…", UntrustedText.escape("x".repeat(201), 200));
    }
}
