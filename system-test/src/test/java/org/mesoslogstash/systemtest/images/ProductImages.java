package org.mesoslogstash.systemtest.images;

import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product images as the tests use them: built once per test JVM by {@code docker/build-images.sh
 * --test-bases}, that is from the local base images (a JRE and a Logstash-shaped image holding
 * this machine's JDK and the stand-in Logstash), since no registry is reachable. Tagged
 * {@value #TAG} only, so that a user's {@code :latest} build is left alone.
 */
final class ProductImages {

    static final String TAG = "it";
    static final String SCHEDULER = "mesos-logstash/scheduler:" + TAG;
    static final String EXECUTOR = "mesos-logstash/executor:" + TAG;

    private static final Logger LOG = LoggerFactory.getLogger(ProductImages.class);
    private static boolean built;

    private ProductImages() {
    }

    static synchronized void build() {
        if (built) {
            return;
        }
        // The tests run in the module directory; the script wants the repository.
        Path script = Path.of("..", "docker", "build-images.sh").toAbsolutePath().normalize();
        long started = System.nanoTime();
        ProcessRun.Result result = ProcessRun.run(List.of(script.toString(), "--test-bases", "--tag", TAG, "--no-latest"), 900);
        if (result.exit() != 0) {
            throw new IllegalStateException(script + " failed (" + result.exit() + "):\n" + result.output());
        }
        LOG.info("images built in {} ms:\n{}", (System.nanoTime() - started) / 1_000_000, result.output().strip());
        built = true;
    }
}
