package org.mesoslogstash.onemachine.scheduler;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scheduler's options (docs/scheduler.md, as environment variables) for one machine: the
 * simulator's master, the embedded ZooKeeper, the executor launched as a command from the built
 * jar with this JDK, quick relaunches and reconciliation, the UI on the chosen address and port.
 */
public final class SchedulerEnvironment {

    public static final String FRAMEWORK_NAME = "mesos-logstash";

    private SchedulerEnvironment() {
    }

    /**
     * @param java            the java launcher for the executor
     * @param executorJar     the executor's jar (its {@code lib/} beside it)
     * @param collectorConfig the collector settings file
     * @param configurations  the directory of {@code <name>.conf} files
     */
    public static Map<String, String> of(URI master, String zooKeeper, String java, Path executorJar, Path collectorConfig,
                                         Path configurations, Login login, String bind, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MESOS_LOGSTASH_MASTER", master.toString());
        env.put("MESOS_LOGSTASH_ZK_SERVERS", zooKeeper);
        env.put("MESOS_LOGSTASH_FRAMEWORK_NAME", FRAMEWORK_NAME);
        // The one-machine process tears the framework down when it stops; a minute covers a scheduler restart.
        env.put("MESOS_LOGSTASH_FAILOVER_TIMEOUT", "1m");
        env.put("MESOS_LOGSTASH_REFUSE_SECONDS", "1");
        env.put("MESOS_LOGSTASH_RECONCILIATION_TIMEOUT", "3s");
        env.put("MESOS_LOGSTASH_RELAUNCH_BACKOFF_INITIAL", "2s");
        env.put("MESOS_LOGSTASH_RELAUNCH_BACKOFF_MAX", "1m");
        env.put("MESOS_LOGSTASH_EXECUTOR_LAUNCH", "COMMAND");
        // Direct mode runs no Logstash: the collector needs a small heap only.
        env.put("MESOS_LOGSTASH_EXECUTOR_COMMAND", "exec " + java + " -Xmx128m -XX:+UseSerialGC -jar " + executorJar);
        env.put("MESOS_LOGSTASH_COLLECTOR_CONFIG", collectorConfig.toString());
        env.put("MESOS_LOGSTASH_CONFIGURATIONS", configurations.toString());
        env.put("MESOS_LOGSTASH_USERS", login.users());
        env.put("MESOS_LOGSTASH_WEBUI_URL", uiUrl(bind, port).toString());
        env.put("PORT0", Integer.toString(port));
        env.put("SERVER_ADDRESS", bind);
        return env;
    }

    /** Where a browser on this machine finds the UI. */
    public static URI uiUrl(String bind, int port) {
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
    }
}
