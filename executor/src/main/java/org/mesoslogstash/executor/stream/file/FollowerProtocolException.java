package org.mesoslogstash.executor.stream.file;

import java.io.IOException;

/** The follower's output does not follow the protocol: a bug, or something else wrote to its stdout. */
public final class FollowerProtocolException extends IOException {

    public FollowerProtocolException(String message) {
        super(message);
    }
}
