package org.mesoslogstash.systemtest.cluster;

import org.mesoslogstash.testsupport.DockerCommand;

/**
 * A busybox container on this machine's Docker daemon (through the docker CLI) that writes a
 * numbered line every 200 ms to its stdout or a file, labelled so that only this test's collection rule matches
 * it. Run with {@code --network none}; removed by {@link #close()}.
 */
final class TestContainer implements AutoCloseable {

    static final String IMAGE = "mesos-logstash-test/busybox:latest";

    private final String name;

    private TestContainer(String name) {
        this.name = name;
    }

    /** Starts {@code name} with label {@code label=value}; its lines read {@code <linePrefix> <n>}. */
    static TestContainer start(String name, String label, String value, String linePrefix) {
        return start(name, label, value, linePrefix, "/dev/stdout");
    }

    /** As {@link #start(String, String, String, String)}, the lines appended to {@code file} inside the container. */
    static TestContainer start(String name, String label, String value, String linePrefix, String file) {
        docker("run", "-d", "--network", "none", "--name", name, "--label", label + "=" + value, IMAGE,
                "sh", "-c", "i=0; while true; do echo \"" + linePrefix + " $i\" >> " + file + "; i=$((i+1)); sleep 0.2; done");
        return new TestContainer(name);
    }

    @Override
    public void close() {
        docker("rm", "-f", name);
    }

    private static String docker(String... args) {
        return DockerCommand.local().run(args);
    }
}
