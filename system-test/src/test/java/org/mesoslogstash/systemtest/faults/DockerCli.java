package org.mesoslogstash.systemtest.faults;

import org.mesoslogstash.testsupport.DockerCommand;

/**
 * The docker CLI, for what the tests do as a user would: run, exec, remove; against this machine's
 * daemon, or against another one ({@code -H}, such as a {@code PrivateDockerDaemon}'s).
 */
final class DockerCli {

    private DockerCli() {
    }

    /** Runs {@code docker <args>}; its output, stripped; throws naming the command when it fails. */
    static String run(String... args) {
        return runOn(null, args);
    }

    /** As {@link #run}, against the daemon at {@code host} (a {@code -H} value; null: this machine's daemon). */
    static String runOn(String host, String... args) {
        return new DockerCommand(host).run(args);
    }

    /** {@code sh -c script} inside the container. */
    static String sh(String container, String script) {
        return shOn(null, container, script);
    }

    /** {@code sh -c script} inside a container of the daemon at {@code host} (null: this machine's daemon). */
    static String shOn(String host, String container, String script) {
        return runOn(host, "exec", container, "sh", "-c", script);
    }
}
