package org.mesoslogstash.executor.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.sink.EventJson;
import org.mesoslogstash.executor.testsupport.TestEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kibana saved objects users import (docs/kibana/mesos-logstash.ndjson, explained in
 * docs/kibana.md) against the documents the collector writes: the data view matches the indexes the
 * Elasticsearch sink writes and not its dead letters, the saved search points at that data view, and
 * every field it shows or sorts by is in the documents, so that neither can change without the other.
 */
class KibanaSavedObjectsTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Path SAVED_OBJECTS = DOCS.resolve("kibana").resolve("mesos-logstash.ndjson");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String text;
    private static List<JsonNode> objects;

    @BeforeAll
    static void read() throws IOException {
        text = Files.readString(SAVED_OBJECTS, StandardCharsets.UTF_8);
        objects = new ArrayList<>();
        for (String line : text.split("\n")) {
            objects.add(JSON.readTree(line));
        }
    }

    @Test
    void everyLineIsOneSavedObjectWithATypeAUniqueIdAndAttributes() {
        assertThat(text).endsWith("\n").doesNotContain("\r").doesNotContain("\n\n");
        Set<String> ids = new HashSet<>();
        for (JsonNode object : objects) {
            assertThat(object.isObject()).as("each line is a JSON object: %s", object).isTrue();
            assertThat(object.get("type").asString()).isIn("index-pattern", "search");
            assertThat(ids.add(object.get("type").asString() + "/" + object.get("id").asString())).as("unique id of %s", object).isTrue();
            assertThat(object.get("attributes").isObject()).isTrue();
            assertThat(object.get("attributes").get("title").asString()).isNotBlank();
            assertThat(object.get("references").isArray()).isTrue();
        }
        assertThat(objects).extracting(object -> object.get("type").asString()).containsExactly("index-pattern", "search");
    }

    @Test
    void theDataViewMatchesTheIndexesOfTheElasticsearchSinkButNotItsDeadLetters() {
        String title = dataView().get("attributes").get("title").asString();
        String index = IndexPattern.parse(ElasticsearchSinkOptions.DEFAULT_INDEX).indexFor(TestEvents.fileLine("a line", 0));

        assertThat(index).isEqualTo("mesos-logstash-2026.01.02");
        assertThat(matches(title, index)).as("%s matches %s", title, index).isTrue();
        assertThat(matches(title, index + ElasticsearchSink.DEAD_LETTER_SUFFIX)).as("%s leaves out the dead letters", title).isFalse();
        assertThat(matches(title, "logstash-2026.01.02")).isFalse();
    }

    @Test
    void theRecommendedLogstashOutputWritesTheIndexesTheDataViewMatches() throws IOException {
        String kibanaDoc = Files.readString(DOCS.resolve("kibana.md"), StandardCharsets.UTF_8);

        assertThat(kibanaDoc).contains("index => \"" + ElasticsearchSinkOptions.DEFAULT_INDEX + "\"");
    }

    @Test
    void theDataViewsTimeFieldIsInEveryDocument() {
        String timeField = dataView().get("attributes").get("timeFieldName").asString();

        documents().forEach(document -> assertThat(field(document, timeField)).as("%s in %s", timeField, document).isNotNull());
    }

    @Test
    void theSavedSearchReadsTheDataView() {
        JsonNode search = search();
        JsonNode source = JSON.readTree(search.get("attributes").get("kibanaSavedObjectMeta").get("searchSourceJSON").asString());
        String refName = source.get("indexRefName").asString();

        List<JsonNode> references = new ArrayList<>();
        search.get("references").forEach(references::add);
        assertThat(references).anySatisfy(reference -> {
            assertThat(reference.get("name").asString()).isEqualTo(refName);
            assertThat(reference.get("type").asString()).isEqualTo("index-pattern");
            assertThat(reference.get("id").asString()).isEqualTo(dataView().get("id").asString());
        });
        assertThat(source.get("query").get("language").asString()).isEqualTo("kuery");
    }

    @Test
    void everyColumnAndSortFieldOfTheSavedSearchIsInEveryDocumentTheCollectorWrites() {
        JsonNode attributes = search().get("attributes");
        List<String> fields = new ArrayList<>();
        attributes.get("columns").forEach(column -> fields.add(column.asString()));
        attributes.get("sort").forEach(sort -> fields.add(sort.get(0).asString()));

        assertThat(fields).isNotEmpty();
        documents().forEach(document -> assertThat(fields)
                .allSatisfy(name -> assertThat(field(document, name)).as("%s in %s", name, document).isNotNull()));
    }

    /** What the collector writes for a file line and a console line: into Elasticsearch (direct mode), and to Logstash. */
    private static Stream<JsonNode> documents() {
        List<LogEvent> events = List.of(TestEvents.fileLine("GET /index.html 200", 42), TestEvents.stdoutLine("started"));
        return Stream.of(EventJson.forJsonLines(), EventJson.forBeats())
                .flatMap(json -> events.stream().map(event -> JSON.readTree(json.toBytes(event))));
    }

    /** The value at a Kibana field name such as {@code container.image.name}, or null. */
    private static JsonNode field(JsonNode document, String name) {
        JsonNode node = document;
        for (String part : name.split("\\.")) {
            node = node == null || !node.isObject() ? null : node.get(part);
        }
        return node == null || node.isNull() || node.isContainer() ? null : node;
    }

    /** Elasticsearch's reading of a comma-separated index pattern: wildcards, and {@code -} excluding what matched before. */
    private static boolean matches(String patterns, String index) {
        boolean matched = false;
        for (String pattern : patterns.split(",")) {
            boolean exclude = pattern.startsWith("-");
            String glob = exclude ? pattern.substring(1) : pattern;
            if (glob(glob).matcher(index).matches()) {
                matched = !exclude;
            }
        }
        return matched;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    private static JsonNode dataView() {
        return objects.stream().filter(object -> object.get("type").asString().equals("index-pattern")).findFirst().orElseThrow();
    }

    private static JsonNode search() {
        return objects.stream().filter(object -> object.get("type").asString().equals("search")).findFirst().orElseThrow();
    }
}
