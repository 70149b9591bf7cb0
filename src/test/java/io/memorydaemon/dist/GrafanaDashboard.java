// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped Grafana dashboard (packaging/prometheus/memory-daemon.dashboard.json) as the tests read it: parsed by
 * a strict JSON reader of its own (the test classpath has no JSON library, and one is not worth a dependency), and
 * its panels' queries with Grafana's template variables replaced as the dashboard's "All" does, so that promtool
 * and a real Prometheus can run them.
 */
final class GrafanaDashboard {
    static final Path FILE = Dist.PROJECT.resolve("packaging/prometheus/memory-daemon.dashboard.json");
    /** What the tests put for each variable a query may name: "All" hosts and users (allValue), Grafana's steps. */
    static final Map<String, String> VARIABLES = Map.of("instance", ".+", "user", ".+", "__rate_interval", "5m",
            "__interval", "1m", "__range", "1h");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))");
    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    /** One panel's query: its panel's title, its refId and its PromQL as the file has it. */
    record Query(String panel, String refId, String expr) {
        /** The PromQL with each variable replaced; IllegalArgumentException on a variable the tests do not know. */
        String promql() {
            Matcher m = VARIABLE.matcher(expr);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (!VARIABLES.containsKey(name)) {
                    throw new IllegalArgumentException(this + " names the variable $" + name
                            + ", unknown to the tests");
                }
                m.appendReplacement(b, Matcher.quoteReplacement(VARIABLES.get(name)));
            }
            return m.appendTail(b).toString();
        }

        @Override
        public String toString() {
            return "panel \"" + panel + "\" query " + refId + " (" + expr + ")";
        }
    }

    private final String text;
    private int at;

    private GrafanaDashboard(String text) {
        this.text = text;
    }

    /** The dashboard as maps, lists, strings, doubles, booleans and nulls; IllegalArgumentException if not JSON. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read() throws IOException {
        return (Map<String, Object>) parse(Files.readString(FILE));
    }

    /** Every query of every panel (and of the panels inside collapsed rows), in the file's order. */
    @SuppressWarnings("unchecked")
    static List<Query> queries(Map<String, Object> dashboard) {
        List<Query> queries = new ArrayList<>();
        List<Map<String, Object>> panels = new ArrayList<>((List<Map<String, Object>>) dashboard.get("panels"));
        for (int i = 0; i < panels.size(); i++) {
            Map<String, Object> panel = panels.get(i);
            panels.addAll(i + 1, (List<Map<String, Object>>) panel.getOrDefault("panels", List.of()));
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.getOrDefault("targets", List.of())) {
                queries.add(new Query((String) panel.get("title"), (String) target.get("refId"),
                        (String) target.get("expr")));
            }
        }
        return queries;
    }

    static Object parse(String json) {
        GrafanaDashboard reader = new GrafanaDashboard(json);
        Object value = reader.value();
        reader.space();
        if (reader.at != json.length()) {
            throw reader.error("text after the value");
        }
        return value;
    }

    private Object value() {
        space();
        char c = at < text.length() ? text.charAt(at) : '\0';
        switch (c) {
            case '{':
                return object();
            case '[':
                at++;
                List<Object> list = new ArrayList<>();
                while (!next(']', list.isEmpty())) {
                    list.add(value());
                }
                return list;
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                Matcher m = NUMBER.matcher(text).region(at, text.length());
                if (!m.lookingAt()) {
                    throw error("no JSON value");
                }
                at = m.end();
                return Double.parseDouble(m.group());
        }
    }

    private Map<String, Object> object() {
        at++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (!next('}', map.isEmpty())) {
            space();
            if (at >= text.length() || text.charAt(at) != '"') {
                throw error("no member name");
            }
            String name = string();
            space();
            expect(':');
            if (map.containsKey(name)) {
                throw error("member \"" + name + "\" twice");
            }
            map.put(name, value());
        }
        return map;
    }

    /** Whether {@code close} ends the object or array here; else consumes the comma before a further member. */
    private boolean next(char close, boolean first) {
        space();
        if (at < text.length() && text.charAt(at) == close) {
            at++;
            return true;
        }
        if (!first) {
            expect(',');
        }
        return false;
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        for (at++; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                return b.toString();
            } else if (c < 0x20) {
                throw error("control character in a string");
            } else if (c != '\\') {
                b.append(c);
            } else if (++at < text.length()) {
                char e = text.charAt(at);
                int simple = "\"\\/bfnrt".indexOf(e);
                if (simple >= 0) {
                    b.append("\"\\/\b\f\n\r\t".charAt(simple));
                } else if (e == 'u' && at + 4 < text.length()) {
                    b.append((char) Integer.parseInt(text.substring(at + 1, at + 5), 16));
                    at += 4;
                } else {
                    throw error("bad escape");
                }
            }
        }
        throw error("unterminated string");
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("no JSON value");
        }
        at += word.length();
        return value;
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw error("'" + c + "' expected");
        }
        at++;
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        int line = 1 + (int) text.substring(0, Math.min(at, text.length())).chars().filter(c -> c == '\n').count();
        return new IllegalArgumentException(FILE.getFileName() + " is not JSON: " + what + " at line " + line);
    }
}
