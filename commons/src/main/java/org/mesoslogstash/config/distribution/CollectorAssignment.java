package org.mesoslogstash.config.distribution;

import java.io.IOException;
import java.util.Objects;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

/**
 * One version of the collector configuration, as the scheduler assigns it to every executor. Versions
 * start at 1 and only grow; an executor applies a version only if it is newer than the one it runs.
 * Serialised as the protobuf message documented in {@link org.mesoslogstash.config.distribution}.
 *
 * @param version             1 or more
 * @param collectorConfigJson the collector configuration (docs/collector.md); checked by the executor,
 *                            not here, because only the executor knows its environment's defaults
 */
public record CollectorAssignment(long version, String collectorConfigJson) {

    static final int VERSION_FIELD = 1;
    static final int CONFIG_FIELD = 2;

    public CollectorAssignment {
        Objects.requireNonNull(collectorConfigJson, "collectorConfigJson");
        if (version < 1) {
            throw new IllegalArgumentException("a configuration version is 1 or more, was " + version);
        }
    }

    public ByteString toByteString() {
        int size = CodedOutputStream.computeUInt64Size(VERSION_FIELD, version)
                + CodedOutputStream.computeStringSize(CONFIG_FIELD, collectorConfigJson);
        byte[] bytes = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeUInt64(VERSION_FIELD, version);
            out.writeString(CONFIG_FIELD, collectorConfigJson);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("sizing a CollectorAssignment went wrong", e); // a bug: the array was sized for it
        }
        return ByteString.copyFrom(bytes);
    }

    /**
     * Reads an assignment; fields this version does not know are skipped.
     *
     * @throws InvalidAssignmentException when the bytes are not such a message or carry no version
     */
    public static CollectorAssignment parse(ByteString data) {
        long version = 0;
        String json = "";
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
        return new CollectorAssignment(version, json);
    }

    private static void expect(int tag, int wireType, String field) throws InvalidProtocolBufferException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new InvalidProtocolBufferException("field " + WireFormat.getTagFieldNumber(tag) + " (" + field
                    + ") has wire type " + WireFormat.getTagWireType(tag) + ", expected " + wireType);
        }
    }

    /** The version and the size only: the configuration may hold secrets (a trust store password). */
    @Override
    public String toString() {
        return "CollectorAssignment[version=" + version + ", " + collectorConfigJson.length() + " chars of configuration]";
    }
}
