package org.mesoslogstash.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.mesos.testsupport.FakeMesosMaster;
import org.mesoslogstash.scheduler.testsupport.RunningScheduler;
import org.mesoslogstash.scheduler.testsupport.TestProperties;

/**
 * The scheduler's start as an operator sees it: the runnable jar with options in its environment logs
 * its effective configuration (secrets masked) and, on a value it cannot use, exits with a message that
 * names the option, the value and what is accepted; the configurations directory is read at the first
 * start only.
 */
class SchedulerOptionsIT {

    private static TestingServer zooKeeper;
    private static FakeMesosMaster master;

    @BeforeAll
    static void start() throws Exception {
        zooKeeper = new TestingServer(true);
        master = FakeMesosMaster.start();
    }

    @AfterAll
    static void stop() throws Exception {
        master.close();
        zooKeeper.close();
    }

    /** What the process wrote (standard output and error) and how it ended. */
    private record Exit(int code, String output) {
    }

    /** The runnable jar, as an operator starts it, with these variables; nothing to reach, so it must fail before connecting. */
    private static Exit runJar(Map<String, String> variables, Path workDir) throws Exception {
        Path jar = execJar();
        Map<String, String> env = new HashMap<>(Map.of(
                "MESOS_LOGSTASH_MASTER", "http://127.0.0.1:1",
                "MESOS_LOGSTASH_ZK_SERVERS", "127.0.0.1:1",
                "MESOS_LOGSTASH_COLLECTOR_CONFIG", TestProperties.collectorConfigPath(),
                "PORT0", "0"));
        env.putAll(variables);
        Path output = workDir.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MESOS_LOGSTASH_") || name.equals("PORT0"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                throw new AssertionError("the scheduler did not stop on an invalid option; output:\n" + Files.readString(output));
            }
        } finally {
            process.destroyForcibly();
        }
        return new Exit(process.exitValue(), Files.readString(output));
    }

    private static Path execJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "mesos-logstash-scheduler-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no runnable scheduler jar in target/: run the package phase first");
    }

    @Test
    void aNumberThatIsNoneStopsTheJarNamingTheOptionAndTheEffectiveConfigurationIsLoggedWithSecretsMaskedAndUnknownOptionsNamed(@TempDir Path dir)
            throws Exception {
        Exit exit = runJar(Map.of("MESOS_LOGSTASH_EXECUTOR_CPUS", "abc", "MESOS_LOGSTASH_PRINCIPAL", "logger",
                "MESOS_LOGSTASH_SECRET", "s3cret-value", "MESOS_LOGSTASH_USERS", "ops:operator:{noop}ops-password",
                "MESOS_LOGSTASH_EXECUTOR_MEMORY", "512"), dir);

        assertThat(exit.code()).isEqualTo(1);
        assertThat(exit.output())
                .contains("APPLICATION FAILED TO START")
                .contains("Invalid option mesos.logstash.executor.cpus (MESOS_LOGSTASH_EXECUTOR_CPUS) = 'abc': expected a number, "
                        + "such as 0.5 or 256 (given by environment MESOS_LOGSTASH_EXECUTOR_CPUS)")
                .contains("docs/configuration-reference.md")
                .contains("Effective configuration")
                .contains("MESOS_LOGSTASH_EXECUTOR_CPUS (mesos.logstash.executor.cpus) = 'abc' [environment MESOS_LOGSTASH_EXECUTOR_CPUS]")
                .contains("MESOS_LOGSTASH_FAILOVER_TIMEOUT (mesos.logstash.failover-timeout) = '7d' [default]")
                .contains("MESOS_LOGSTASH_SECRET (mesos.logstash.secret) = '***' [environment MESOS_LOGSTASH_SECRET]")
                .contains("MESOS_LOGSTASH_USERS (mesos.logstash.users) = 'ops:operator:***' [environment MESOS_LOGSTASH_USERS]")
                .contains("PORT0 (server.port) = '0' [environment PORT0]")
                .contains("MESOS_LOGSTASH_EXECUTOR_MEMORY is set but is no option of the scheduler, which ignores it")
                .doesNotContain("s3cret-value").doesNotContain("ops-password");
        assertThat(exit.output().split("Effective configuration", -1)).as("logged once").hasSize(2);
    }

    @Test
    void aDurationThatIsNoneStopsTheJarSayingWhatADurationLooksLike(@TempDir Path dir) throws Exception {
        Exit exit = runJar(Map.of("MESOS_LOGSTASH_FAILOVER_TIMEOUT", "forever"), dir);

        assertThat(exit.code()).isEqualTo(1);
        assertThat(exit.output()).contains("Invalid option mesos.logstash.failover-timeout (MESOS_LOGSTASH_FAILOVER_TIMEOUT) = 'forever': "
                + "expected a duration: a number with a unit (ms, s, m, h, d) such as 30s, 15m or 7d");
    }

    @Test
    void anUnknownLaunchModeStopsTheJarListingTheKnownOnes(@TempDir Path dir) throws Exception {
        Exit exit = runJar(Map.of("MESOS_LOGSTASH_EXECUTOR_LAUNCH", "FOO"), dir);

        assertThat(exit.code()).isEqualTo(1);
        assertThat(exit.output()).contains("Invalid option mesos.logstash.executor.launch (MESOS_LOGSTASH_EXECUTOR_LAUNCH) = 'FOO': "
                + "expected one of DOCKER, COMMAND");
    }

    @Test
    void aValueThatFailsItsCheckStopsTheJarBeforeConnecting(@TempDir Path dir) throws Exception {
        Exit exit = runJar(Map.of("MESOS_LOGSTASH_CONSTRAINTS", "rack"), dir);

        assertThat(exit.code()).isEqualTo(1);
        assertThat(exit.output()).contains("Invalid option mesos.logstash.constraints (MESOS_LOGSTASH_CONSTRAINTS) = 'rack': "
                + "expected attribute:value, e.g. rack:r1");
    }

    @Test
    void theConfigurationsDirectoryIsReadAtTheFirstStartOnlyAndABrokenOneStopsIt(@TempDir Path dir) throws Exception {
        Path configurations = Files.createDirectory(dir.resolve("configurations"));
        Files.writeString(configurations.resolve("app.conf"), "input { container { console => true } }\n");
        String[] seeded = {"--mesos.logstash.zk-path=/options-it-seeded", "--mesos.logstash.configurations=" + configurations};
        try (RunningScheduler first = RunningScheduler.start(master.uri(), zooKeeper.getConnectString(), seeded)) {
            assertThat(first.context().isActive()).isTrue();
        }
        Files.writeString(configurations.resolve("broken.conf"), "input {\n");

        try (RunningScheduler later = RunningScheduler.start(master.uri(), zooKeeper.getConnectString(), seeded)) {
            assertThat(later.context().isActive()).as("the repository is seeded: the directory is not read again").isTrue();
        }
        assertThatThrownBy(() -> RunningScheduler.start(master.uri(), zooKeeper.getConnectString(),
                "--mesos.logstash.zk-path=/options-it-first", "--mesos.logstash.configurations=" + configurations).close())
                .rootCause().isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("Invalid option mesos.logstash.configurations (MESOS_LOGSTASH_CONFIGURATIONS) = '" + configurations + "'")
                .hasMessageContaining("broken.conf");
    }
}
