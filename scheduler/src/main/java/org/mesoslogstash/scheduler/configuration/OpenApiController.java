package org.mesoslogstash.scheduler.configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the hand-written OpenAPI 3 description of the scheduler's HTTP API ({@code api/openapi.json}; a test checks it names every mapping). */
@RestController
public class OpenApiController {

    private final byte[] description;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/api/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("api/openapi.json is missing from the classpath");
            }
            description = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading api/openapi.json", e);
        }
    }

    @GetMapping(path = "/api/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public byte[] openApi() {
        return description.clone();
    }
}
