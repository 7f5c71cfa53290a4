package org.mesoslogstash.executor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Position;
import org.mesoslogstash.executor.event.Routing;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.testsupport.TestEvents;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventJsonTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final EventJson beats = EventJson.forBeats();
    private final EventJson lines = EventJson.forJsonLines();

    private static JsonNode parse(byte[] json) {
        return MAPPER.readTree(json);
    }

    @Test
    void fileLineCarriesPathOffsetAndContainerMetadata() {
        JsonNode doc = parse(beats.toBytes(TestEvents.fileLine("hello \"world\" / ü", 42)));

        assertThat(doc.get("@timestamp").asString()).isEqualTo("2026-01-02T03:04:05.123Z");
        assertThat(doc.get("message").asString()).isEqualTo("hello \"world\" / ü");
        assertThat(doc.has("message_base64")).isFalse();
        assertThat(doc.at("/log/file/path").asString()).isEqualTo("/var/log/app.log");
        assertThat(doc.at("/log/offset").asLong()).isEqualTo(42);
        assertThat(doc.at("/log").has("stream")).isFalse();
        assertThat(doc.at("/container/id").asString()).isEqualTo(TestEvents.CONTAINER_ID);
        assertThat(doc.at("/container/name").asString()).isEqualTo("web-1");
        assertThat(doc.at("/container/image/name").asString()).isEqualTo("nginx:1.27");
        assertThat(doc.at("/host/name").asString()).isEqualTo("agent-7.example.com");
        assertThat(doc.at("/mesos/task_id").asString()).isEqualTo("web.1234");
        assertThat(doc.at("/mesos/framework_id").asString()).isEqualTo("framework-5");
        assertThat(doc.at("/marathon/app_id").asString()).isEqualTo("/web");
    }

    @Test
    void labelKeysWithDotsBecomeUnderscores() {
        JsonNode labels = parse(beats.toBytes(TestEvents.fileLine("x", 0))).at("/container/labels");

        assertThat(labels.propertyNames()).containsExactlyInAnyOrder("com_example_team", "tier");
        assertThat(labels.get("com_example_team").asString()).isEqualTo("payments");
    }

    @Test
    void consoleLineNamesItsStreamAndHasNoOffset() {
        JsonNode doc = parse(beats.toBytes(TestEvents.stdoutLine("to stdout")));

        assertThat(doc.at("/log/stream").asString()).isEqualTo("stdout");
        assertThat(doc.at("/log").has("offset")).isFalse();
        assertThat(doc.at("/log").has("file")).isFalse();
        assertThat(doc.get("@timestamp").asString()).isEqualTo("2026-01-02T03:04:05.123456789Z");
    }

    @Test
    void invalidUtf8TravelsExactlyInMessageBase64() {
        byte[] line = {'a', (byte) 0xff, 'b', (byte) 0xc3, (byte) 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        JsonNode doc = parse(beats.toBytes(TestEvents.fileLine(line, 0)));

        assertThat(Base64.getDecoder().decode(doc.get("message_base64").asString())).isEqualTo(line);
        assertThat(doc.get("message").asString()).startsWith("a\uFFFDb\uFFFD(");
    }

    @Test
    void controlCharactersAreEscaped() {
        byte[] line = {'a', 0, '\t', 0x1b, '\r', 'z'};
        JsonNode doc = parse(beats.toBytes(TestEvents.fileLine(line, 0)));

        assertThat(doc.get("message").asString().getBytes(StandardCharsets.UTF_8)).isEqualTo(line);
        assertThat(doc.has("message_base64")).isFalse();
    }

    @Test
    void splitPartsCarryIndexLastAndFlag() {
        LogEvent whole = TestEvents.fileLine("part", 0);
        LogEvent part = new LogEvent(whole.stream(), 1, whole.source(), whole.timestamp(), whole.line(), 0,
                new LogEvent.Split(2, true), whole.resumeAfter());

        JsonNode doc = parse(beats.toBytes(part));

        assertThat(doc.at("/split/index").asInt()).isEqualTo(2);
        assertThat(doc.at("/split/last").asBoolean()).isTrue();
        assertThat(doc.at("/log/flags/0").asString()).isEqualTo("split");
        assertThat(parse(beats.toBytes(whole)).has("split")).isFalse();
        assertThat(parse(beats.toBytes(whole)).at("/log").has("flags")).isFalse();
    }

    @Test
    void optionalMetadataIsAbsentWhenUnknown() {
        LogEvent event = new LogEvent(StreamKey.stderr(TestEvents.CONTAINER_ID), 1, TestEvents.BARE_METADATA,
                Instant.parse("2026-01-02T03:04:05Z"), new byte[0], -1, null,
                new Position.InConsole(Instant.parse("2026-01-02T03:04:05Z"), 1));

        JsonNode doc = parse(beats.toBytes(event));

        assertThat(doc.propertyNames()).containsExactly("@timestamp", "message", "log", "container", "host", "@metadata");
        assertThat(doc.at("/container").has("labels")).isFalse();
        assertThat(doc.get("@timestamp").asString()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(doc.get("message").asString()).isEmpty();
    }

    @Test
    void beatsMetadataOnlyInBeatsDocuments() {
        LogEvent event = TestEvents.fileLine("x", 0);

        JsonNode doc = parse(beats.toBytes(event));
        assertThat(doc.at("/@metadata/beat").asString()).isEqualTo("mesos-logstash");
        assertThat(doc.at("/@metadata/type").asString()).isEqualTo("_doc");
        assertThat(doc.at("/@metadata/version").asString()).isEqualTo(EventJson.BEAT_VERSION);
        assertThat(parse(lines.toBytes(event)).has("@metadata")).isFalse();
    }

    @Test
    void beatsMetadataCarriesTheRoutingForTheRouterPipeline() {
        LogEvent event = TestEvents.fileLine("x", 0).withRouting(new Routing(List.of("nginx", "audit"), List.of("access", "all-files")));

        JsonNode doc = parse(beats.toBytes(event));

        assertThat(doc.at("/@metadata/beat").asString()).isEqualTo("mesos-logstash");
        assertThat(doc.at("/@metadata/mesos_logstash/pipelines").valueStream().map(JsonNode::asString)).containsExactly("nginx", "audit");
        assertThat(doc.at("/@metadata/mesos_logstash/rules").valueStream().map(JsonNode::asString)).containsExactly("access", "all-files");
        assertThat(parse(lines.toBytes(event)).has("@metadata")).isFalse();
    }

    @Test
    void anEventWithoutRoutingHasNoRoutingMetadata() {
        JsonNode doc = parse(beats.toBytes(TestEvents.fileLine("x", 0)));

        assertThat(doc.at("/@metadata").propertyNames()).containsExactly("beat", "version", "type");
    }

    @Test
    void rulesWithoutPipelinesStillNameTheRules() {
        LogEvent event = TestEvents.fileLine("x", 0).withRouting(new Routing(List.of(), List.of("standalone")));

        JsonNode routing = parse(beats.toBytes(event)).at("/@metadata/mesos_logstash");

        assertThat(routing.get("pipelines").isEmpty()).isTrue();
        assertThat(routing.get("rules").get(0).asString()).isEqualTo("standalone");
    }

    /** The metadata cache must not hand one routing's fragment to another routing of the same source. */
    @Test
    void eachRoutingOfOneSourceGetsItsOwnMetadata() {
        Routing first = new Routing(List.of("one"), List.of("r1"));
        Routing second = new Routing(List.of("two"), List.of("r2"));
        LogEvent event = TestEvents.fileLine("x", 0);

        for (int i = 0; i < 3; i++) {
            assertThat(parse(beats.toBytes(event.withRouting(first))).at("/@metadata/mesos_logstash/pipelines/0").asString())
                    .isEqualTo("one");
            assertThat(parse(beats.toBytes(event.withRouting(second))).at("/@metadata/mesos_logstash/pipelines/0").asString())
                    .isEqualTo("two");
            assertThat(parse(beats.toBytes(event)).at("/@metadata").has("mesos_logstash")).isFalse();
        }
    }

    @Test
    void documentsWrittenBackToBackHaveNoSeparator() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = beats.newGenerator(out)) {
            beats.write(TestEvents.fileLine("a", 0), generator);
            generator.flush();
            int first = out.size();
            beats.write(TestEvents.fileLine("b", 2), generator);
            generator.flush();
            byte[] all = out.toByteArray();
            assertThat(all[first]).isEqualTo((byte) '{');
            assertThat(parse(java.util.Arrays.copyOfRange(all, first, all.length)).get("message").asString()).isEqualTo("b");
        }
    }

    @Test
    void timestampsMatchInstantToString() {
        for (String text : new String[] {"2026-01-02T03:04:00Z", "2026-01-02T03:04:05.100Z", "1970-01-01T00:00:00.000001Z",
                "2026-12-31T23:59:59.999999999Z", "+12026-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            char[] into = new char[32];
            int length = beats.formatTimestamp(instant, into);
            assertThat(new String(into, 0, length)).isEqualTo(instant.toString());
        }
    }

    @Test
    void utf8ValidationIsStrict() {
        assertThat(Utf8.isValid("ascii, ü, €, 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xc0, (byte) 0x80})).isFalse(); // overlong NUL
        assertThat(Utf8.isValid(new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0x80})).isFalse(); // overlong
        assertThat(Utf8.isValid(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isFalse(); // surrogate
        assertThat(Utf8.isValid(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse(); // > U+10FFFF
        assertThat(Utf8.isValid(new byte[] {(byte) 0xe2, (byte) 0x82})).isFalse(); // truncated
        assertThat(Utf8.isValid(new byte[] {(byte) 0x80})).isFalse(); // lone continuation
    }
}
