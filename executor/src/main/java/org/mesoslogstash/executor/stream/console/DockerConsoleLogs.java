package org.mesoslogstash.executor.stream.console;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.stream.exec.ExecException;
import org.mesoslogstash.executor.stream.exec.MultiplexedFrames;

/**
 * {@link ConsoleLogs} over Docker's logs endpoint ({@code follow}, {@code timestamps}, and
 * {@code since} with nanoseconds, which docker-java's command cannot express), reading the
 * multiplexed frames itself so that each Docker log message arrives whole. Containers with a TTY
 * have no separate stdout and stderr and are not supported.
 */
public final class DockerConsoleLogs implements ConsoleLogs {

    private final DockerHttpClient http;

    public DockerConsoleLogs(DockerHttpClient http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /** Uses the HTTP client of a client made by {@code DockerClients.connect}. */
    public static DockerConsoleLogs of(DockerClient docker) {
        if (!(docker instanceof DockerClientImpl impl)) {
            throw new IllegalArgumentException("need the DockerClientImpl of DockerClients.connect, not " + docker.getClass().getName());
        }
        return new DockerConsoleLogs(impl.getHttpClient());
    }

    @Override
    public Messages follow(String containerId, String source, Instant since) throws ExecException {
        boolean stdout = StreamKey.STDOUT.equals(source);
        if (!stdout && !StreamKey.STDERR.equals(source)) {
            throw new IllegalArgumentException("source is stdout or stderr, not " + source);
        }
        String path = "/containers/" + containerId + "/logs?follow=1&timestamps=1&" + (stdout ? "stdout=1" : "stderr=1")
                + "&since=" + since.getEpochSecond() + "." + String.format("%09d", since.getNano());
        DockerHttpClient.Response response;
        try {
            response = http.execute(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path(path).build());
        } catch (RuntimeException e) {
            throw new ExecException(ExecException.Reason.DOCKER_FAILED, containerId, "cannot ask Docker for the logs of " + containerId + ": " + e.getMessage(), e);
        }
        int status = response.getStatusCode();
        if (status != 200) {
            String body = body(response);
            response.close();
            ExecException.Reason reason = status == 404 ? ExecException.Reason.CONTAINER_NOT_FOUND : ExecException.Reason.DOCKER_FAILED;
            throw new ExecException(reason, containerId, "Docker answered " + status + " for the logs of " + containerId + ": " + body, null);
        }
        MultiplexedFrames frames = new MultiplexedFrames(response.getBody());
        return new Messages() {
            @Override
            public byte[] next() throws IOException {
                while (true) {
                    int type = frames.nextFrame();
                    if (type < 0) {
                        return null;
                    }
                    byte[] payload = frames.readFrame();
                    if (type == (stdout ? MultiplexedFrames.STDOUT : MultiplexedFrames.STDERR)) {
                        return payload;
                    }
                }
            }

            @Override
            public void close() {
                response.close();
            }
        };
    }

    private static String body(DockerHttpClient.Response response) {
        try (InputStream in = response.getBody()) {
            return new String(in.readNBytes(1000), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(body unreadable: " + e.getMessage() + ")";
        }
    }
}
