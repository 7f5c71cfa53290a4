package org.mesoslogstash.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.docker.DockerEndpoint;
import org.mesoslogstash.executor.logstash.LogstashSettings;
import org.mesoslogstash.mesos.executor.ExecutorEnvironment;

/**
 * The executor tables of docs/configuration-reference.md against the code: every variable the
 * executor reads is documented, every documented option is read (a bad value is refused naming it),
 * and every documented default, given explicitly, changes nothing.
 */
class ExecutorReferenceTest {

    private static final Path REFERENCE = Path.of("..", "docs", "configuration-reference.md");

    /** What the agent sets, with checkpointing so that the recovery variables are read too. */
    private static final Map<String, String> AGENT = Map.of(
            "MESOS_AGENT_ENDPOINT", "127.0.0.1:5051",
            "MESOS_FRAMEWORK_ID", "fw",
            "MESOS_EXECUTOR_ID", "ex",
            "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5secs",
            "MESOS_CHECKPOINT", "1",
            "MESOS_RECOVERY_TIMEOUT", "15mins",
            "MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs");

    /** An environment that remembers every variable asked for. */
    private static final class RecordingEnvironment extends AbstractMap<String, String> {
        private final Map<String, String> values;
        private final Set<String> asked = new LinkedHashSet<>();

        RecordingEnvironment(Map<String, String> values) {
            this.values = Map.copyOf(values);
        }

        @Override
        public String get(Object key) {
            asked.add((String) key);
            return values.get(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            throw new UnsupportedOperationException("the executor asks for its variables by name");
        }
    }

    /** Everything the executor's options decide, as its composition root reads it. */
    private static List<Object> settings(Map<String, String> env) {
        return List.of(ExecutorSettings.fromEnv(env, Duration.ofSeconds(5)),
                LogstashSettings.fromEnv(env, Path.of("/var/lib/mesos-logstash/logstash")),
                DockerEndpoint.fromEnvironment(env));
    }

    /** Variable to default cell of the tables under the "## Executor" heading. */
    private static Map<String, String> documented(boolean agentTableToo) throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        int start = lines.indexOf("## Executor");
        assertThat(start).as("%s has a section ## Executor", REFERENCE).isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ") || !agentTableToo && line.startsWith("### ")) {
                break;
            }
            if (line.startsWith("| `")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                assertThat(cells).as("row %s", line).hasSize(4);
                String variable = cells[0].strip().replace("`", "");
                assertThat(rows.put(variable, cells[1].strip())).as("%s is documented once", variable).isNull();
            }
        }
        return rows;
    }

    @Test
    void everyVariableTheExecutorReadsIsDocumented() throws IOException {
        RecordingEnvironment env = new RecordingEnvironment(AGENT);

        ExecutorEnvironment.fromEnv(env);
        settings(env);

        assertThat(env.asked).isNotEmpty();
        assertThat(documented(true).keySet()).containsAll(env.asked);
    }

    @Test
    void everyDocumentedOptionIsReadAndABadValueIsRefusedNamingIt() throws IOException {
        for (String variable : documented(false).keySet()) {
            Map<String, String> env = new HashMap<>(AGENT);
            env.put(variable, "-1");

            assertThatThrownBy(() -> settings(env)).as(variable).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(variable);
        }
    }

    @Test
    void everyDocumentedDefaultGivenExplicitlyChangesNothing() throws IOException {
        List<Object> defaults = settings(AGENT);
        int literal = 0;
        for (Map.Entry<String, String> row : documented(false).entrySet()) {
            String cell = row.getValue();
            if (!cell.matches("`[^`]+`")) {
                assertThat(cell).as("default of %s, which is not a value", row.getKey()).startsWith("none");
                continue;
            }
            Map<String, String> env = new HashMap<>(AGENT);
            env.put(row.getKey(), cell.substring(1, cell.length() - 1));
            assertThat(settings(env)).as("%s=%s", row.getKey(), cell).isEqualTo(defaults);
            literal++;
        }
        assertThat(literal).isGreaterThan(5);
    }
}
