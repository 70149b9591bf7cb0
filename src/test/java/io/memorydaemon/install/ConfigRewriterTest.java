// SPDX-License-Identifier: MIT
package io.memorydaemon.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRewriterTest {

    @Test
    void setsKeysInPlaceKeepingCommentsAndUnknownLines() {
        String before = """
                # my settings
                threshold 80
                custom_thing 42
                #receiver you@example.com
                # Percent of ... (a comment that mentions port)
                #port 587
                """;
        Map<String, String> set = new LinkedHashMap<>();
        set.put("threshold", "90");
        set.put("receiver", "me@example.org");
        set.put("port", "2525");
        set.put("smtp", "mail.example.org");
        assertEquals("""
                # my settings
                threshold 90
                custom_thing 42
                receiver me@example.org
                # Percent of ... (a comment that mentions port)
                port 2525
                smtp mail.example.org
                """, ConfigRewriter.set(before, set));
    }

    @Test
    void readsTheActiveValues() {
        assertEquals(Map.of("threshold", "80", "pass", "a b"), ConfigRewriter.values("#x 1\nthreshold 80\npass a b\n"));
    }
}
