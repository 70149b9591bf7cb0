// SPDX-License-Identifier: MIT
package io.memorydaemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README lands and links: every relative link of README.md, CHANGELOG.md and docs/*.md reaches a file that exists
 * and, with {@code #anchor}, a heading in it (as GitHub makes anchors), so moving a section cannot leave a dead link.
 */
class DocLinksTest {
    private static final Path PROJECT = Path.of(System.getProperty("md.project", ".")).toAbsolutePath();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws Exception {
        List<Path> docs = new ArrayList<>(List.of(PROJECT.resolve("README.md"), PROJECT.resolve("CHANGELOG.md")));
        try (var files = Files.list(PROJECT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> dead = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            Matcher m = LINK.matcher(withoutCode(Files.readString(doc, StandardCharsets.UTF_8)));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                checked++;
                String[] parts = target.split("#", 2);
                Path file = parts[0].isEmpty() ? doc : doc.getParent().resolve(parts[0]).normalize();
                if (!Files.exists(file)) {
                    dead.add(PROJECT.relativize(doc) + ": " + target + " (no such file)");
                } else if (parts.length == 2 && !anchors(file).contains(parts[1])) {
                    dead.add(PROJECT.relativize(doc) + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(checked > 30, "too few links found: " + checked);
        assertEquals(List.of(), dead);
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertEquals("mdconf", anchor("md.conf"));
        assertEquals("setting-up-md_wizard", anchor("Setting up: md_wizard"));
        assertEquals("the-wrong-process-or-none-was-stopped", anchor("The wrong process, or none, was stopped"));
    }

    private static List<String> anchors(Path file) throws Exception {
        if (!file.toString().endsWith(".md")) {
            return List.of();
        }
        return withoutCode(Files.readString(file, StandardCharsets.UTF_8)).lines()
                .filter(l -> l.matches("#{1,6} .*")).map(l -> anchor(l.replaceFirst("^#+ ", ""))).toList();
    }

    /** GitHub's rule: lower case, punctuation but '-' and '_' dropped, spaces to '-'. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** Code blocks hold shell comments and brackets that are not headings or links. */
    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }
}
