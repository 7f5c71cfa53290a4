package org.mesoslogstash.executor.sink;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesoslogstash.executor.event.LogEvent;
import org.mesoslogstash.executor.event.Routing;
import org.mesoslogstash.executor.event.SourceMetadata;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * The JSON document Logstash receives for one {@link LogEvent}, shaped like Filebeat's so that
 * existing Logstash pipelines and index templates apply:
 *
 * <pre>
 * {"@timestamp": "2026-01-02T03:04:05.123456789Z",
 *  "message": "the line",                 // UTF-8 text; lossy (U+FFFD) if the bytes were not UTF-8
 *  "message_base64": "...",               // only when the bytes were not valid UTF-8: the exact bytes
 *  "log": {"file": {"path": "/var/log/app.log"}, "offset": 42}   // a file, or
 *  "log": {"stream": "stdout"},                                  // a console stream
 *         ... "flags": ["split"]          // only for a part of an over-long line
 *  "split": {"index": 0, "last": false},  // only for a part of an over-long line
 *  "container": {"id", "name", "image": {"name"}, "labels": {...}},   // label dots become "_"
 *  "host": {"name"},
 *  "mesos": {"task_id", "framework_id"},  // each only when known
 *  "marathon": {"app_id"},                // only when known
 *  "@metadata": {"beat": "mesos-logstash", "version", "type": "_doc",       // beats payload only
 *                "mesos_logstash": {"pipelines": ["nginx"], "rules": ["nginx-access"]}}}  // when routed
 * </pre>
 *
 * <p>Nothing is lost: a line that is not valid UTF-8 travels twice, readable in {@code message}
 * and exact in {@code message_base64}. {@code @metadata} is what the beats input of Logstash turns
 * into {@code [@metadata][beat]} and {@code [@metadata][version]}, which the documented index
 * pattern {@code %{[@metadata][beat]}-%{[@metadata][version]}} uses; it is left out of the
 * JSON-lines documents, where nothing would strip it. {@code [@metadata][mesos_logstash]} carries the
 * event's {@link Routing}: the agent's router pipeline sends the event on to every pipeline in
 * {@code pipelines}. That Logstash keeps it as metadata: in logstash-plugins/logstash-input-beats,
 * {@code lib/logstash/inputs/beats/message_listener.rb} hands a document that has a {@code message}
 * to the codec and {@code DecodedEventTransform} ({@code decoded_event_transform.rb}), which sets every
 * other key of the payload on the event, merging nested maps, {@code @metadata} included; its spec
 * {@code spec/inputs/beats/decoded_event_transform_spec.rb} ("merges the other data from the map to
 * the event") checks that {@code event.get("@metadata")} includes the payload's {@code @metadata}. The
 * input's own additions ({@code [@metadata][input][beats]...} with ECS, {@code [@metadata][ip_address]})
 * do not collide with {@code mesos_logstash}.
 *
 * <p>Encoding is streaming (no tree) and the per-container part of the document (with the routing,
 * for beats) is serialised once per pair of {@link SourceMetadata} and {@link Routing} instances and
 * then copied as raw bytes; the collector shares one routing instance among the streams that have
 * it. Thread-safe.
 */
public final class EventJson {

    public static final String BEAT_NAME = "mesos-logstash";
    public static final String BEAT_VERSION = "0.1.0";

    private static final SerializableString TIMESTAMP = new SerializedString("@timestamp");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString MESSAGE_BASE64 = new SerializedString("message_base64");
    private static final SerializableString LOG = new SerializedString("log");
    private static final SerializableString FILE = new SerializedString("file");
    private static final SerializableString PATH = new SerializedString("path");
    private static final SerializableString STREAM = new SerializedString("stream");
    private static final SerializableString OFFSET = new SerializedString("offset");
    private static final SerializableString FLAGS = new SerializedString("flags");
    private static final SerializableString SPLIT = new SerializedString("split");
    private static final SerializableString INDEX = new SerializedString("index");
    private static final SerializableString LAST = new SerializedString("last");

    private static final int CACHE_SLOTS = 1024;

    private final boolean beatsMetadata;
    private final JsonFactory factory;
    /** Identity-keyed, lossy cache of serialised metadata; entries are immutable, so races are harmless. */
    private final CachedMetadata[] metadataCache = new CachedMetadata[CACHE_SLOTS];
    private volatile CachedSecond lastSecond = new CachedSecond(Long.MIN_VALUE, new char[0]);

    private EventJson(boolean beatsMetadata) {
        this.beatsMetadata = beatsMetadata;
        this.factory = JsonFactory.builder()
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                .rootValueSeparator((String) null)
                .build();
    }

    /** Documents for the beats protocol: with {@code @metadata}. */
    public static EventJson forBeats() {
        return new EventJson(true);
    }

    /** Documents for JSON lines: without {@code @metadata}. */
    public static EventJson forJsonLines() {
        return new EventJson(false);
    }

    public boolean includesBeatsMetadata() {
        return beatsMetadata;
    }

    /** Writes one document (no separator, no line terminator); does not close {@code out}. */
    public void writeTo(LogEvent event, OutputStream out) {
        try (JsonGenerator generator = newGenerator(out)) {
            write(event, generator);
        }
    }

    public byte[] toBytes(LogEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + event.line().length * 2);
        writeTo(event, out);
        return out.toByteArray();
    }

    /**
     * A generator for writing many documents one after the other into {@code out} with
     * {@link #write}: no separator between documents, and closing it does not close {@code out}.
     * Encoders that frame documents call {@link JsonGenerator#flush()} after each to learn its length.
     */
    public JsonGenerator newGenerator(OutputStream out) {
        return factory.createGenerator(ObjectWriteContext.empty(), out);
    }

    /** Writes one document as a root value of {@code generator}. */
    public void write(LogEvent event, JsonGenerator g) {
        g.writeStartObject();
        g.writeName(TIMESTAMP);
        char[] timestamp = new char[32];
        int timestampLength = formatTimestamp(event.timestamp(), timestamp);
        g.writeString(timestamp, 0, timestampLength);

        byte[] line = event.line();
        g.writeName(MESSAGE);
        if (Utf8.isValid(line)) {
            g.writeUTF8String(line, 0, line.length);
        } else {
            g.writeString(new String(line, StandardCharsets.UTF_8));
            g.writeName(MESSAGE_BASE64);
            g.writeBinary(line, 0, line.length);
        }

        g.writeName(LOG);
        g.writeStartObject();
        if (event.stream().isConsole()) {
            g.writeName(STREAM);
            g.writeString(event.stream().source());
        } else {
            g.writeName(FILE);
            g.writeStartObject();
            g.writeName(PATH);
            g.writeString(event.stream().source());
            g.writeEndObject();
            g.writeName(OFFSET);
            g.writeNumber(event.offset());
        }
        LogEvent.Split split = event.split();
        if (split != null) {
            g.writeName(FLAGS);
            g.writeStartArray();
            g.writeString(SPLIT);
            g.writeEndArray();
        }
        g.writeEndObject();
        if (split != null) {
            g.writeName(SPLIT);
            g.writeStartObject();
            g.writeName(INDEX);
            g.writeNumber(split.index());
            g.writeName(LAST);
            g.writeBoolean(split.last());
            g.writeEndObject();
        }
        // The cached fragment starts with a comma and holds whole properties, so the generator's
        // own comma bookkeeping stays right: nothing but the closing brace follows it.
        g.writeRaw(metadataFragment(event.source(), event.routing()));
        g.writeEndObject();
    }

    private SerializableString metadataFragment(SourceMetadata source, Routing eventRouting) {
        // JSON lines carry no routing, so every routing of a source shares its one entry there.
        Routing routing = beatsMetadata ? eventRouting : Routing.NONE;
        int slot = (System.identityHashCode(source) * 31 + System.identityHashCode(routing)) & (CACHE_SLOTS - 1);
        CachedMetadata cached = metadataCache[slot];
        if (cached != null && cached.source == source && cached.routing == routing) {
            return cached.fragment;
        }
        CachedMetadata fresh = new CachedMetadata(source, routing, new SerializedString(serialiseMetadata(source, routing)));
        metadataCache[slot] = fresh;
        return fresh.fragment;
    }

    private String serialiseMetadata(SourceMetadata source, Routing routing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = newGenerator(out)) {
            g.writeStartObject();
            g.writeName("container");
            g.writeStartObject();
            g.writeStringProperty("id", source.containerId());
            g.writeStringProperty("name", source.containerName());
            g.writeName("image");
            g.writeStartObject();
            g.writeStringProperty("name", source.image());
            g.writeEndObject();
            if (!source.labels().isEmpty()) {
                g.writeName("labels");
                g.writeStartObject();
                // Sorted, so that two labels that dedot to the same key resolve the same way every time.
                Map<String, String> dedotted = new TreeMap<>();
                new TreeMap<>(source.labels()).forEach((key, value) -> dedotted.putIfAbsent(dedot(key), value));
                dedotted.forEach(g::writeStringProperty);
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeName("host");
            g.writeStartObject();
            g.writeStringProperty("name", source.agentHost());
            g.writeEndObject();
            if (source.mesosTaskId() != null || source.mesosFrameworkId() != null) {
                g.writeName("mesos");
                g.writeStartObject();
                if (source.mesosTaskId() != null) {
                    g.writeStringProperty("task_id", source.mesosTaskId());
                }
                if (source.mesosFrameworkId() != null) {
                    g.writeStringProperty("framework_id", source.mesosFrameworkId());
                }
                g.writeEndObject();
            }
            if (source.marathonAppId() != null) {
                g.writeName("marathon");
                g.writeStartObject();
                g.writeStringProperty("app_id", source.marathonAppId());
                g.writeEndObject();
            }
            if (beatsMetadata) {
                g.writeName("@metadata");
                g.writeStartObject();
                g.writeStringProperty("beat", BEAT_NAME);
                g.writeStringProperty("version", BEAT_VERSION);
                g.writeStringProperty("type", "_doc");
                if (!routing.isNone()) {
                    g.writeName("mesos_logstash");
                    g.writeStartObject();
                    writeStrings(g, "pipelines", routing.pipelines());
                    writeStrings(g, "rules", routing.rules());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        String object = out.toString(StandardCharsets.UTF_8);
        // "{...}" -> ",..." : the properties, ready to follow the event's own.
        return "," + object.substring(1, object.length() - 1);
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) {
        g.writeName(name);
        g.writeStartArray();
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /** Filebeat's rule for label keys: dots would otherwise become object nesting in Elasticsearch. */
    static String dedot(String key) {
        return key.replace('.', '_');
    }

    /** ISO-8601 in UTC like {@link Instant#toString()}, with the date part cached per second. */
    int formatTimestamp(Instant instant, char[] into) {
        long second = instant.getEpochSecond();
        CachedSecond cached = lastSecond;
        if (cached.epochSecond != second) {
            String text = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
            if (text.length() == 16) { // LocalDateTime omits ":00" seconds
                text = text + ":00";
            }
            cached = new CachedSecond(second, text.toCharArray());
            lastSecond = cached;
        }
        char[] prefix = cached.text;
        if (prefix.length != 19) { // years beyond 9999 or before 0: rare enough for the slow path
            String text = instant.toString();
            text.getChars(0, text.length(), into, 0);
            return text.length();
        }
        System.arraycopy(prefix, 0, into, 0, 19);
        int length = 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            into[length++] = '.';
            int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
            int value = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1000 : nanos;
            for (int i = digits - 1; i >= 0; i--) {
                into[length + i] = (char) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
        }
        into[length++] = 'Z';
        return length;
    }

    private record CachedMetadata(SourceMetadata source, Routing routing, SerializableString fragment) {
    }

    private record CachedSecond(long epochSecond, char[] text) {
    }
}
