package org.mesoslogstash.scheduler.configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

/** Reads a request body as UTF-8 text, refusing one over a limit before it is all in memory. */
final class RequestBodies {

    /** A body over the limit; answered with 413. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes (" + (limit / 1024) + " KiB), the limit for a configuration");
        }
    }

    private RequestBodies() {
    }

    static String read(HttpServletRequest request, int limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new TooLargeException(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw new TooLargeException(limit);
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
