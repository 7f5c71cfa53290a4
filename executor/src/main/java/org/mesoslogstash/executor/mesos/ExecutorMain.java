package org.mesoslogstash.executor.mesos;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.mesoslogstash.executor.logstash.LogstashSettings;
import org.mesoslogstash.executor.logstash.ManagedLogstash;
import org.mesoslogstash.mesos.ProtobufRuntime;

import org.mesoslogstash.mesos.executor.ExecutorClientConfig;
import org.mesoslogstash.mesos.executor.ExecutorEnvironment;
import org.mesoslogstash.mesos.executor.HttpExecutorClient;
import org.mesoslogstash.mesos.executor.InvalidEnvironmentException;
import org.mesoslogstash.mesos.http.MesosHttpClient;
import org.mesoslogstash.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process a Mesos agent starts on each agent: the composition root of the executor. It reads the
 * environment the agent sets, subscribes to the agent's executor API and runs the collector task the
 * scheduler launches ({@link CollectorExecutor}), until the task ends, the agent is lost, or SIGTERM.
 *
 * <p>Exit codes: 0 the task was killed or the executor shut down as asked; 1 the task failed (the
 * reason is in its TASK_FAILED and the log); 2 the environment is unusable (the variable is named on
 * standard error); 3 the agent was lost or reported an error. On SIGTERM the collection is closed
 * within the grace period and the JVM ends as signalled (status 143).
 */
public final class ExecutorMain {

    private static final Logger log = LoggerFactory.getLogger(ExecutorMain.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ExecutorMain() {
    }

    public static void main(String[] args) {
        ProtobufRuntime.acceptMesosGeneratedCode();
        Map<String, String> env = System.getenv();
        ExecutorEnvironment environment;
        ExecutorSettings settings;
        try {
            environment = ExecutorEnvironment.fromEnv(env);
            settings = ExecutorSettings.fromEnv(env, environment.shutdownGracePeriod());
        } catch (InvalidEnvironmentException e) {
            System.err.println("mesos-logstash executor: cannot start: " + e.getMessage());
            System.exit(CollectorExecutor.EXIT_BAD_ENVIRONMENT);
            return;
        }
        log.info("starting: {}", environment);
        System.exit(run(environment, settings, env));
    }

    private static int run(ExecutorEnvironment environment, ExecutorSettings settings, Map<String, String> env) {
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService taskThread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("collector-task").daemon().factory());
        HttpExecutorClient client = new HttpExecutorClient(environment, MesosHttpClient.create(CONNECT_TIMEOUT),
                ExecutorClientConfig.defaults(Backoff.DEFAULT::delay), clock,
                Thread.ofPlatform().name("mesos-agent-events").daemon().factory());
        AgentRun.LogstashFactory logstash = defaultWorkDir -> ManagedLogstash.create(LogstashSettings.fromEnv(env, defaultWorkDir), clock,
                Thread.ofVirtual().name("logstash-", 0).factory());
        CollectorExecutor executor = new CollectorExecutor(client, AgentRun.starter(clock, logstash), env, hostName(),
                settings, taskThread, clock);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("sigterm").unstarted(() -> {
            try {
                executor.stopOnSignal();
            } catch (InterruptedException e) {
                log.warn("interrupted while stopping; unacknowledged lines will be read again on the next start");
            }
        }));
        client.start(executor);
        int code = executor.exitCode().toCompletableFuture().join();
        client.close();
        taskThread.shutdownNow();
        return code;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String fromEnv = System.getenv("HOSTNAME");
            return fromEnv != null ? fromEnv : "localhost";
        }
    }
}
