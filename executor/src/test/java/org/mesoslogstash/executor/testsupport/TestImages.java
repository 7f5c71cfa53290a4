package org.mesoslogstash.executor.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local images tests run containers from. No registry is reachable, so images are built on the
 * machine by the same script {@code .ci/run} uses, the first time a test asks for one.
 */
public final class TestImages {

    public static final String BUSYBOX = "mesos-logstash-test/busybox:latest";

    private static boolean busyboxBuilt;

    private TestImages() {
    }

    /** The busybox image (sh, tail, stat, head, ...), built if the daemon does not have it yet. */
    public static synchronized String busybox() {
        if (!busyboxBuilt) {
            if (!imageExists(BUSYBOX)) {
                run(script("build-busybox.sh").toString(), BUSYBOX);
            }
            busyboxBuilt = true;
        }
        return BUSYBOX;
    }

    private static boolean imageExists(String image) {
        try {
            return new ProcessBuilder("docker", "image", "inspect", image)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run docker; is the Docker CLI installed?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking docker for " + image, e);
        }
    }

    private static Path script(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docker/test-images").resolve(name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docker/test-images/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + code + ":\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
