/**
 * The Docker images, built for real and run against this machine's Docker daemon: {@code
 * docker/build-images.sh --test-bases} builds {@code mesos-logstash/scheduler:it} and {@code
 * mesos-logstash/executor:it} from local base images (no registry is reachable), the executor image
 * runs as the simulated agent's Docker container ({@link org.mesoslogstash.systemtest.images.ExecutorImageIT})
 * and the scheduler image as an operator starts it ({@link org.mesoslogstash.systemtest.images.SchedulerImageIT}).
 * Every container they start is named {@code mlt-img-<test id>-...} and removed afterwards.
 */
package org.mesoslogstash.systemtest.images;
