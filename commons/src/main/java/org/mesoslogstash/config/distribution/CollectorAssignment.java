package org.mesoslogstash.config.distribution;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import org.mesoslogstash.config.Configuration;

/**
 * One version of what every executor runs, as the scheduler assigns it: the collector settings and
 * the operators' configurations. Versions start at 1 and only grow; an executor applies a version
 * only if it is newer than the one it runs. Serialised as the protobuf message documented in
 * {@link org.mesoslogstash.config.distribution}.
 *
 * @param version             1 or more
 * @param collectorConfigJson the collector settings (docs/collector.md); checked by the executor, not
 *                            here, because only the executor knows its environment's defaults
 * @param configurations      the configurations (docs/configurations.md), validated by the scheduler
 *                            before they were stored
 */
public record CollectorAssignment(long version, String collectorConfigJson, List<Configuration> configurations) {

    static final int VERSION_FIELD = 1;
    static final int CONFIG_FIELD = 2;
    static final int CONFIGURATIONS_FIELD = 3;
    static final int NAME_FIELD = 1;
    static final int TEXT_FIELD = 2;

    public CollectorAssignment {
        Objects.requireNonNull(collectorConfigJson, "collectorConfigJson");
        configurations = List.copyOf(configurations);
        if (version < 1) {
            throw new IllegalArgumentException("a configuration version is 1 or more, was " + version);
        }
    }

    /** Collector settings whose own {@code collect} rules say what to collect, without configurations. */
    public CollectorAssignment(long version, String collectorConfigJson) {
        this(version, collectorConfigJson, List.of());
    }

    /** The same content under another version. */
    public CollectorAssignment withVersion(long newVersion) {
        return new CollectorAssignment(newVersion, collectorConfigJson, configurations);
    }

    /** Whether the content (everything but the version) is the same. */
    public boolean sameContentAs(CollectorAssignment other) {
        return collectorConfigJson.equals(other.collectorConfigJson) && configurations.equals(other.configurations);
    }

    public ByteString toByteString() {
        int size = CodedOutputStream.computeUInt64Size(VERSION_FIELD, version)
                + CodedOutputStream.computeStringSize(CONFIG_FIELD, collectorConfigJson);
        for (Configuration configuration : configurations) {
            int inner = configurationSize(configuration);
            size += CodedOutputStream.computeTagSize(CONFIGURATIONS_FIELD) + CodedOutputStream.computeUInt32SizeNoTag(inner) + inner;
        }
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeUInt64(VERSION_FIELD, version);
            out.writeString(CONFIG_FIELD, collectorConfigJson);
            for (Configuration configuration : configurations) {
                out.writeTag(CONFIGURATIONS_FIELD, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(configurationSize(configuration));
                out.writeString(NAME_FIELD, configuration.name());
                out.writeString(TEXT_FIELD, configuration.text());
            }
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("sizing a CollectorAssignment went wrong", e); // a bug: the array was sized for it
        }
        return ByteString.copyFrom(bytes);
    }

    private static int configurationSize(Configuration configuration) {
        return CodedOutputStream.computeStringSize(NAME_FIELD, configuration.name())
                + CodedOutputStream.computeStringSize(TEXT_FIELD, configuration.text());
    }

    /**
     * Reads an assignment; fields this version does not know are skipped.
     *
     * @throws InvalidAssignmentException when the bytes are not such a message or carry no version
     */
    public static CollectorAssignment parse(ByteString data) {
        long version = 0;
        String json = "";
        List<Configuration> configurations = new ArrayList<>();
        CodedInputStream in = data.newCodedInput();
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case VERSION_FIELD -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT, "version");
                        version = in.readUInt64();
                    }
                    case CONFIG_FIELD -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "collector_config_json");
                        json = in.readStringRequireUtf8();
                    }
                    case CONFIGURATIONS_FIELD -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "configurations");
                        configurations.add(readConfiguration(in.readBytes().newCodedInput()));
                    }
                    default -> in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidAssignmentException("not a CollectorAssignment protobuf message (" + data.size() + " bytes): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidAssignmentException("cannot read a CollectorAssignment: " + e.getMessage(), e);
        }
        if (version < 1) {
            throw new InvalidAssignmentException("CollectorAssignment without a version (field 1 must be 1 or more, was "
                    + Long.toUnsignedString(version) + ")");
        }
        return new CollectorAssignment(version, json, configurations);
    }

    private static Configuration readConfiguration(CodedInputStream in) throws IOException {
        String name = "";
        String text = "";
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return new Configuration(name, text);
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NAME_FIELD -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "configurations.name");
                    name = in.readStringRequireUtf8();
                }
                case TEXT_FIELD -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "configurations.text");
                    text = in.readStringRequireUtf8();
                }
                default -> in.skipField(tag);
            }
        }
    }

    private static void expect(int tag, int wireType, String field) throws InvalidProtocolBufferException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new InvalidProtocolBufferException("field " + WireFormat.getTagFieldNumber(tag) + " (" + field
                    + ") has wire type " + WireFormat.getTagWireType(tag) + ", expected " + wireType);
        }
    }

    /** The version and sizes only: the settings may hold secrets (a trust store password). */
    @Override
    public String toString() {
        return "CollectorAssignment[version=" + version + ", " + collectorConfigJson.length() + " chars of settings, "
                + configurations.size() + " configuration(s)]";
    }
}
