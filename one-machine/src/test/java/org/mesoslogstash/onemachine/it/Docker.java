package org.mesoslogstash.onemachine.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.mesoslogstash.testsupport.DockerCommand;

/** The docker CLI, for the tests' containers. */
final class Docker {

    static final String BUSYBOX = "mesos-logstash-test/busybox:latest";

    private Docker() {
    }

    static String run(String... args) {
        return DockerCommand.local().run(args);
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
