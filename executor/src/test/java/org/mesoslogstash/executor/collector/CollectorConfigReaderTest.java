package org.mesoslogstash.executor.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.collector.CollectorConfig.SinkConfig;
import org.mesoslogstash.executor.multiline.MultilineSettings;

class CollectorConfigReaderTest {

    private final CollectorConfigReader reader = new CollectorConfigReader(Map.of(), "agent-1");

    @Test
    void readsAFullConfiguration() {
        CollectorConfig config = reader.read("""
                {
                  "agentHost": "node-7",
                  "docker": "tcp://10.0.0.1:2375",
                  "checkpointDir": "/var/lib/mlt",
                  "maxLineBytes": 4096,
                  "maxUnacknowledged": 100,
                  "resyncSeconds": 5,
                  "sink": {"type": "beats", "host": "logstash", "port": 5045, "tls": true},
                  "collect": [
                    {"name": "nginx", "match": {"images": ["nginx"], "labels": {"tier": "web*"}},
                     "files": ["/var/log/nginx/access.log"], "console": true}
                  ]
                }""", "test.json");

        assertThat(config.agentHost()).isEqualTo("node-7");
        assertThat(config.docker().uri()).isEqualTo(URI.create("tcp://10.0.0.1:2375"));
        assertThat(config.checkpointDir()).isEqualTo(Path.of("/var/lib/mlt"));
        assertThat(config.maxLineBytes()).isEqualTo(4096);
        assertThat(config.maxUnacknowledged()).isEqualTo(100);
        assertThat(config.resyncInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.sink()).isEqualTo(new SinkConfig.Beats("logstash", 5045, 0, true, null, null));
        assertThat(config.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.name()).isEqualTo("nginx");
            assertThat(rule.files()).containsExactly("/var/log/nginx/access.log");
            assertThat(rule.console()).isTrue();
        });
    }

    @Test
    void fillsDefaultsFromTheEnvironmentAndTheHost() {
        CollectorConfig config = new CollectorConfigReader(Map.of("DOCKER_HOST", "unix:///run/other.sock"), "agent-1").read("""
                {"checkpointDir": "/tmp/cp", "sink": {"type": "jsonlines"},
                 "collect": [{"name": "all", "console": true}]}""", "test.json");

        assertThat(config.agentHost()).isEqualTo("agent-1");
        assertThat(config.docker().uri()).isEqualTo(URI.create("unix:///run/other.sock"));
        assertThat(config.maxLineBytes()).isEqualTo(CollectorConfigReader.DEFAULT_MAX_LINE_BYTES);
        assertThat(config.sink()).isEqualTo(new SinkConfig.JsonLines(null));
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        assertThatThrownBy(() -> reader.read("""
                {"checkpointDir": 3, "maxLineBytes": 0, "sinc": {},
                 "sink": {"type": "kafka"},
                 "collect": [{"name": "a", "files": ["var/log/x.log"]}, {"name": "a"}]}""", "bad.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "$.sinc: unknown field; known fields are " + List.of("agentHost", "checkpointDir", "collect",
                                "docker", "maxLineBytes", "maxUnacknowledged", "resyncSeconds", "sink"),
                        "$.checkpointDir: must be a string, was 3",
                        "$.maxLineBytes: must be between 1 and 2147483647, was 0",
                        "$.sink.type: must be \"logstash\", \"beats\", \"jsonlines\" or \"elasticsearch\", was \"kafka\"",
                        "$.collect[0].files[0]: must be an absolute path inside the container, was \"var/log/x.log\"",
                        "$.collect[1].name: \"a\" is used by an earlier rule; names must be unique",
                        "$.collect[1]: collects nothing; give \"files\" or \"console\": true"))
                .hasMessageStartingWith("invalid collector configuration bad.json:");
    }

    @Test
    void aRuleNamesThePipelineItBelongsToOrNone() {
        CollectorConfig config = reader.read("""
                {"checkpointDir": "/c", "sink": {"type": "jsonlines"},
                 "collect": [{"name": "access", "pipeline": "nginx_web-1", "files": ["/var/log/nginx/access.log"]},
                             {"name": "all", "console": true}]}""", "p.json");

        assertThat(config.rules()).extracting(CollectRule::pipeline).containsExactly("nginx_web-1", null);
    }

    @Test
    void aPipelineIdOutsideLogstashsSyntaxIsNamedWithItsPath() {
        assertThatThrownBy(() -> reader.read("""
                {"checkpointDir": "/c", "sink": {"type": "jsonlines"},
                 "collect": [{"name": "ok", "console": true},
                             {"name": "a", "pipeline": "Nginx.main", "console": true},
                             {"name": "b", "pipeline": 7, "console": true}]}""", "p.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "$.collect[1].pipeline: must be a Logstash pipeline id (lower-case letters, digits, \"_\" and \"-\"), was \"Nginx.main\"",
                        "$.collect[2].pipeline: must be a string, was 7"));
    }

    @Test
    void readsMultilineSettingsWithFilebeatsDefaults() {
        CollectorConfig config = reader.read("""
                {"checkpointDir": "/c", "sink": {"type": "jsonlines"},
                 "collect": [{"name": "java", "files": ["/app.log"],
                              "multiline": {"pattern": "^\\\\d{4}-", "negate": true, "match": "after", "maxLines": 200,
                                            "maxBytes": 65536, "flushAfterMs": 2000}},
                             {"name": "plain", "console": true, "multiline": {"pattern": "\\\\$", "match": "before"}}]}""", "m.json");

        assertThat(config.rules().get(0).multiline()).isEqualTo(new MultilineSettings(Pattern.compile("^\\d{4}-"), true,
                MultilineSettings.Match.AFTER, 200, 65536, Duration.ofSeconds(2)));
        assertThat(config.rules().get(1).multiline()).isEqualTo(new MultilineSettings(Pattern.compile("\\$"), false,
                MultilineSettings.Match.BEFORE, 500, 1024 * 1024, Duration.ofSeconds(5)));
    }

    @Test
    void badMultilineSettingsAreNamedWithTheirPaths() {
        assertThatThrownBy(() -> reader.read("""
                {"checkpointDir": "/c", "sink": {"type": "jsonlines"},
                 "collect": [{"name": "a", "console": true, "multiline": {"pattern": "([", "match": "later", "maxLines": 0}},
                             {"name": "b", "console": true, "multiline": {"negate": true, "timeout": 5}}]}""", "m.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "$.collect[0].multiline.pattern: not a Java regular expression: Unclosed character class near index 1 of \"([\"",
                        "$.collect[0].multiline.match: must be \"after\" or \"before\", was \"later\"",
                        "$.collect[0].multiline.maxLines: must be between 1 and 2147483647, was 0",
                        "$.collect[1].multiline.timeout: unknown field; known fields are "
                                + List.of("flushAfterMs", "match", "maxBytes", "maxLines", "negate", "pattern"),
                        "$.collect[1].multiline.pattern: required, a Java regular expression such as \"^\\\\s\""));
    }

    @Test
    void acceptsCompressionLevelsZlibKnows() {
        String template = """
                {"checkpointDir": "/c", "sink": {"type": "beats", "host": "h", "compressionLevel": %d},
                 "collect": [{"name": "all", "console": true}]}""";
        assertThat(reader.read(template.formatted(6), "z.json").sink()).isEqualTo(new SinkConfig.Beats("h", 5044, 6, false, null, null));
        assertThatThrownBy(() -> reader.read(template.formatted(10), "z.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("$.sink.compressionLevel: must be between 0 and 9, was 10"));
    }

    @Test
    void namesTheLineAndColumnOfBrokenJson() {
        assertThatThrownBy(() -> reader.read("{\n  \"checkpointDir\": \"/x\",\n  oops\n}", "broken.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broken.json")
                .hasMessageContaining("line 3");
    }

    @Test
    void rejectsAnInvalidDockerAddress() {
        assertThatThrownBy(() -> reader.read("""
                {"docker": "http://x", "checkpointDir": "/c", "sink": {"type": "jsonlines"},
                 "collect": [{"name": "all", "console": true}]}""", "d.json"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("$.docker: DOCKER_HOST must be unix:///path or tcp://host:port, was 'http://x'"));
    }

    /** The examples the documentation points at must stay valid as the format changes. */
    @Test
    void readsTheExamplesOfTheRepository() throws IOException {
        Path examples = Path.of("..", "examples");
        List<Path> files;
        try (Stream<Path> listing = Files.list(examples)) {
            files = listing.filter(file -> file.getFileName().toString().startsWith("collector-")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        for (Path file : files) {
            CollectorConfig config = reader.read(Files.readString(file), file.toString());
            assertThat(config.rules()).as(file.toString()).isNotEmpty();
        }
    }
}
