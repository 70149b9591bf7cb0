// SPDX-License-Identifier: MIT
package io.memorydaemon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memorydaemon.check.Action;
import io.memorydaemon.check.MetricsText;
import io.memorydaemon.testing.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard's queries are the series promtool checks: each selects one series memory-daemon writes
 * (MetricsText) or the rules record, with the dashboard's host and user filters, so a renamed metric or recording
 * breaks this test; {@code promtool check rules} accepts every query as a recording rule, and {@code promtool test
 * rules} runs each on the series MetricsText writes and finds the value the panel must show.
 */
class GrafanaDashboardIT {
    /** A query as the dashboard may write it: one series name, an optional action, then the host and user filters. */
    private static final Pattern SELECTION = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(?:action=\"([a-z-]+)\", )?"
            + "instance=~\"\\$instance\", user=~\"\\$user\"}");
    private static final Pattern RECORD = Pattern.compile("(?m)^\\s*- record: (\\S+)$");
    private static final String LABELS = "instance=\"web1:9100\",job=\"node\",";
    /** What each panel must show at {@link #EVAL_MINUTE} of {@link #inputSeries()}, by series name. */
    private static final Map<String, Double> EXPECTED = Map.of("memory_daemon_used_ratio", 0.75,
            "memory_daemon_threshold_ratio", 0.875, "memory_daemon_warn_threshold_ratio", 0.8125,
            "memory_daemon:headroom_ratio", 0.125, "memory_daemon:check_age_seconds", 300.0,
            "memory_daemon:kills:increase10m", 1.0, "memory_daemon_outbox_mails", 2.0);
    /** The recording by action: 1 for each action {@link #TAKEN}, 0 for the others. */
    private static final String ACTIONS = "memory_daemon:actions:increase10m";
    /** The actions alice's checks took in the 10 minutes before {@link #EVAL_MINUTE}, once each: the rest are 0. */
    private static final Map<Integer, Action> TAKEN = Map.of(7, Action.WARNED_EARLY, 8, Action.KILLED,
            9, Action.KILL_FAILED);
    private static final int EVAL_MINUTE = 15;
    private static final int LAST_CHECK_MINUTE = 10;

    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Dist.tempDir("md-dashboard");
    }

    @AfterEach
    void clean() {
        Dist.deleteTree(dir);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardIsGrafanaJsonWithAPrometheusSourceAndHostAndUserVariables() throws Exception {
        Map<String, Object> dashboard = GrafanaDashboard.read();
        assertEquals(39.0, dashboard.get("schemaVersion"));
        assertEquals("memory-daemon", dashboard.get("uid"));
        List<Map<String, Object>> variables = (List<Map<String, Object>>) ((Map<String, Object>)
                dashboard.get("templating")).get("list");
        assertEquals(List.of("datasource", "instance", "user"), variables.stream().map(v -> v.get("name")).toList());
        assertEquals(List.of("datasource", "prometheus"), List.of(variables.get(0).get("type"),
                variables.get(0).get("query")));
        Map<String, Object> source = Map.of("type", "prometheus", "uid", "${datasource}");
        for (Map<String, Object> v : variables.subList(1, 3)) {
            String query = "label_values(memory_daemon_used_ratio"
                    + (v.get("name").equals("user") ? "{instance=~\"$instance\"}" : "") + ", " + v.get("name") + ")";
            // "All" is what the tests put for the variable
            Object all = GrafanaDashboard.VARIABLES.get((String) v.get("name"));
            Object editorQuery = ((Map<String, Object>) v.get("query")).get("query");
            assertEquals(List.of(source, query, query, all),
                    List.of(v.get("datasource"), v.get("definition"), editorQuery, v.get("allValue")), v.toString());
        }
        assertTrue(written().contains("memory_daemon_used_ratio"), "the variables list hosts and users by a metric "
                + "every check writes " + written());
        for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
            assertEquals(source, panel.get("datasource"), String.valueOf(panel.get("title")));
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.get("targets")) {
                assertEquals(source, target.get("datasource"), String.valueOf(panel.get("title")));
            }
        }
    }

    @Test
    void everyQuerySelectsASeriesMemoryDaemonWritesOrTheRulesRecord() throws Exception {
        Set<String> known = new TreeSet<>(written());
        Matcher records = RECORD.matcher(Files.readString(PromtoolRulesIT.RULES));
        while (records.find()) {
            known.add(records.group(1));
        }
        Set<String> actions = new TreeSet<>(MetricsText.zero().keySet());
        Set<String> shown = new TreeSet<>();
        for (GrafanaDashboard.Query q : queries()) {
            Matcher m = SELECTION.matcher(q.expr());
            assertTrue(m.matches(), q + ": not a series with the filters {instance=~\"$instance\", user=~\"$user\"}");
            assertTrue(known.contains(m.group(1)), q + ": " + m.group(1) + " is neither in MetricsText's file nor"
                    + " recorded by " + PromtoolRulesIT.RULES.getFileName() + " " + known);
            assertTrue(m.group(2) == null || actions.contains(m.group(2)), q + ": no action " + m.group(2));
            shown.add(m.group(1));
        }
        Set<String> tested = new TreeSet<>(EXPECTED.keySet());
        tested.add(ACTIONS);
        assertEquals(tested, shown, "each series shown has its value in promtool's test");
    }

    @Test
    void promtoolChecksEveryQueryAndEachShowsItsValue() throws Exception {
        PromtoolRulesIT.assumePromtool();
        List<GrafanaDashboard.Query> queries = queries();
        StringBuilder rules = new StringBuilder("groups:\n  - name: memory-daemon-dashboard\n    rules:\n");
        StringBuilder tests = new StringBuilder("rule_files:\n  - " + PromtoolRulesIT.RULES
                + "\n  - dashboard.rules.yml\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n");
        inputSeries().forEach((series, values) -> tests.append("      - series: '").append(series)
                .append("'\n        values: '").append(values).append("'\n"));
        tests.append("    promql_expr_test:\n");
        for (int i = 0; i < queries.size(); i++) {
            GrafanaDashboard.Query q = queries.get(i);
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: ")
                    .append(yaml(q.promql())).append('\n');
            tests.append("      # ").append(q.panel()).append(", ").append(q.refId()).append("\n      - expr: ")
                    .append(yaml(q.promql())).append("\n        eval_time: ").append(EVAL_MINUTE).append("m\n")
                    .append("        exp_samples:\n");
            expected(q).forEach((labels, value) -> tests.append("          - labels: '").append(labels)
                    .append("'\n            value: ").append(value).append('\n'));
        }
        Path rulesFile = Files.writeString(dir.resolve("dashboard.rules.yml"), rules);
        Run.Result check = Run.of(PromtoolRulesIT.PROMTOOL.toString(), "check", "rules", rulesFile.toString()).go();
        assertEquals(0, check.exitCode(), check.both() + rules);
        assertTrue(check.both().contains("SUCCESS: " + queries.size() + " rules found"), check.both());

        Path testFile = Files.writeString(dir.resolve("dashboard.test.yml"), tests);
        Run.Result run = Run.of(PromtoolRulesIT.PROMTOOL.toString(), "test", "rules", testFile.toString()).go();
        assertEquals(0, run.exitCode(), run.both() + "\n" + tests);
        assertTrue(run.both().contains("  SUCCESS"), run.both());
    }

    static List<GrafanaDashboard.Query> queries() throws Exception {
        List<GrafanaDashboard.Query> queries = GrafanaDashboard.queries(GrafanaDashboard.read());
        assertTrue(queries.size() >= EXPECTED.size(), queries.toString());
        return queries;
    }

    /** The metric names of the file a check writes (with warn_threshold set, so every one is there). */
    private static Set<String> written() {
        String text = MetricsText.render(new MetricsText.Reading("alice", 75, 87.5, 0, 2, Optional.of(81.25)),
                MetricsText.zero());
        return new TreeSet<>(Pattern.compile("(?m)^# TYPE (\\S+) ").matcher(text).results().map(r -> r.group(1))
                .toList());
    }

    /**
     * alice's series on web1 as node_exporter serves the files her checks write each minute: RAM 75 % of 87.5
     * (warn_threshold 81.25), two mails waiting, the checks stop after {@link #LAST_CHECK_MINUTE}, and the
     * {@link #TAKEN} actions each counted once.
     */
    private static Map<String, String> inputSeries() {
        Map<String, String> series = new LinkedHashMap<>();
        Map<String, Long> counts = MetricsText.zero();
        for (int minute = 0; minute <= EVAL_MINUTE; minute++) {
            if (TAKEN.containsKey(minute)) {
                counts = MetricsText.plus(counts, TAKEN.get(minute));
            }
            long checked = Math.min(minute, LAST_CHECK_MINUTE) * 60_000L;
            String text = MetricsText.render(new MetricsText.Reading("alice", 75, 87.5, checked, 2,
                    Optional.of(81.25)), counts);
            for (String line : text.split("\n")) {
                if (!line.startsWith("#")) {
                    int brace = line.indexOf('{');
                    int space = line.lastIndexOf(' ');
                    String name = line.substring(0, brace + 1) + LABELS + line.substring(brace + 1, space);
                    series.merge(name, line.substring(space + 1), (a, b) -> a + " " + b);
                }
            }
        }
        return series;
    }

    /** The samples a query must return at {@link #EVAL_MINUTE}, by their labels as promtool writes them. */
    private static Map<String, Double> expected(GrafanaDashboard.Query q) {
        Matcher m = SELECTION.matcher(q.expr());
        assertTrue(m.matches(), q.toString());
        String name = m.group(1);
        Map<String, Double> samples = new TreeMap<>();
        if (!name.equals(ACTIONS)) {
            // a series not in EXPECTED fails the test above, and here returns no sample at all
            samples.put(name + "{" + LABELS + "user=\"alice\"}", EXPECTED.getOrDefault(name, 0.0));
            return samples;
        }
        for (String action : MetricsText.zero().keySet()) {
            if (m.group(2) == null || m.group(2).equals(action)) {
                boolean taken = TAKEN.values().stream().anyMatch(a -> a.logName().equals(action));
                samples.put(name + "{action=\"" + action + "\"," + LABELS + "user=\"alice\"}", taken ? 1.0 : 0.0);
            }
        }
        return samples;
    }

    /** A YAML single-quoted scalar: PromQL's double quotes and braces stay as they are. */
    private static String yaml(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
