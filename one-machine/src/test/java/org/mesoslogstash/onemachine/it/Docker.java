package org.mesoslogstash.onemachine.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI, for the tests' containers. */
final class Docker {

    static final String BUSYBOX = "mesos-logstash-test/busybox:latest";

    private Docker() {
    }

    static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    /** The busybox test image, built by docker/test-images/build-busybox.sh if the daemon lacks it. */
    static String busybox() {
        try {
            run("image", "inspect", BUSYBOX);
        } catch (IllegalStateException missing) {
            try {
                Process build = new ProcessBuilder("../docker/test-images/build-busybox.sh", BUSYBOX).inheritIO().start();
                if (build.waitFor() != 0) {
                    throw new IllegalStateException("docker/test-images/build-busybox.sh failed");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return BUSYBOX;
    }
}
