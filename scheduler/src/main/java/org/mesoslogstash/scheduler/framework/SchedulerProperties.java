package org.mesoslogstash.scheduler.framework;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.validation.ConfigurationValidator;
import org.mesoslogstash.config.validation.PluginPolicy;
import org.mesoslogstash.mesos.master.MasterAddress;
import org.mesoslogstash.scheduler.distribution.ConfigurationFiles;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every option of the scheduler, in one place. Each is a Spring property under {@code mesos.logstash}
 * and may equally be given as an environment variable: upper case, dots and dashes as underscores
 * ({@code mesos.logstash.framework-name} = {@code MESOS_LOGSTASH_FRAMEWORK_NAME}). Checked when the
 * scheduler starts; an invalid value stops it with a message naming the option.
 *
 * @param master               MESOS_LOGSTASH_MASTER, required: {@code zk://host:port[,...]/mesos} or
 *                             {@code http(s)://host:port[,...]}
 * @param zkServers            MESOS_LOGSTASH_ZK_SERVERS: the ZooKeeper ensemble ({@code host:port,...})
 *                             that keeps the framework id and the task ids; default: the ensemble of
 *                             a {@code zk://} master address (required with {@code http://} masters)
 * @param zkPath               MESOS_LOGSTASH_ZK_PATH, default {@code /mesos-logstash}: the znode under
 *                             which the framework id and task ids are kept
 * @param frameworkName        MESOS_LOGSTASH_FRAMEWORK_NAME, default {@code mesos-logstash}
 * @param role                 MESOS_LOGSTASH_ROLE, default {@code *}
 * @param principal            MESOS_LOGSTASH_PRINCIPAL, default none: the framework principal, also
 *                             used for authentication when a secret is given
 * @param secret               MESOS_LOGSTASH_SECRET, default none
 * @param user                 MESOS_LOGSTASH_USER, default {@code root}: the user the executor runs
 *                             as (it reads the Docker socket)
 * @param failoverTimeout      MESOS_LOGSTASH_FAILOVER_TIMEOUT, default {@code 7d}: how long Mesos keeps
 *                             the executors running without a scheduler
 * @param webuiUrl             MESOS_LOGSTASH_WEBUI_URL, default none: shown in the Mesos UI
 * @param refuseSeconds        MESOS_LOGSTASH_REFUSE_SECONDS, default 30: filter on an offer declined
 *                             for a passing reason (resources, reconciliation)
 * @param placedRefuseSeconds  MESOS_LOGSTASH_PLACED_REFUSE_SECONDS, default 3600: filter on an offer
 *                             from an agent that already has its executor (REVIVE clears it when a
 *                             relaunch is needed)
 * @param constraints          MESOS_LOGSTASH_CONSTRAINTS, default none: {@code attribute:value} pairs,
 *                             comma-separated; an agent must match all of them
 * @param reconciliationTimeout MESOS_LOGSTASH_RECONCILIATION_TIMEOUT, default {@code 30s}: explicit
 *                             reconciliation gives up waiting for answers after this
 * @param reconciliationInterval MESOS_LOGSTASH_RECONCILIATION_INTERVAL, default {@code 15m}: how
 *                             often the scheduler reconciles while subscribed (implicit, plus explicit
 *                             for tasks Mesos has not reported on), as Mesos recommends
 * @param relaunchBackoffInitial MESOS_LOGSTASH_RELAUNCH_BACKOFF_INITIAL, default {@code 10s}
 * @param relaunchBackoffMax   MESOS_LOGSTASH_RELAUNCH_BACKOFF_MAX, default {@code 10m}
 * @param activityLogSize      MESOS_LOGSTASH_ACTIVITY_LOG_SIZE, default 1000: entries kept for the UI
 * @param collectorConfig      MESOS_LOGSTASH_COLLECTOR_CONFIG, required: path of the collector
 *                             configuration JSON file (docs/collector.md) that every executor task
 *                             carries (version 1); read at start, so a missing file stops the scheduler
 * @param configurations       MESOS_LOGSTASH_CONFIGURATIONS, default none: a directory whose
 *                             {@code <name>.conf} files seed the configuration repository at the first
 *                             start (docs/configurations.md); read and validated then only, and any
 *                             error stops that start with every problem listed
 * @param allowedPlugins       MESOS_LOGSTASH_ALLOWED_PLUGINS, default none: Logstash plugins that run
 *                             code on the agents (exec, pipe, ruby, file, jdbc...) allowed nonetheless,
 *                             comma-separated
 * @param executor             the executor's resources and how it is launched (see {@link Executor})
 */
@ConfigurationProperties("mesos.logstash")
public record SchedulerProperties(
        String master,
        String zkServers,
        @DefaultValue("/mesos-logstash") String zkPath,
        @DefaultValue("mesos-logstash") String frameworkName,
        @DefaultValue("*") String role,
        String principal,
        String secret,
        @DefaultValue("root") String user,
        @DefaultValue("7d") Duration failoverTimeout,
        String webuiUrl,
        @DefaultValue("30") double refuseSeconds,
        @DefaultValue("3600") double placedRefuseSeconds,
        @DefaultValue("") List<String> constraints,
        @DefaultValue("30s") Duration reconciliationTimeout,
        @DefaultValue("15m") Duration reconciliationInterval,
        @DefaultValue("10s") Duration relaunchBackoffInitial,
        @DefaultValue("10m") Duration relaunchBackoffMax,
        @DefaultValue("1000") int activityLogSize,
        String collectorConfig,
        String configurations,
        @DefaultValue("") List<String> allowedPlugins,
        @DefaultValue Executor executor) {

    /** How executors are launched. */
    public enum LaunchMode { DOCKER, COMMAND }

    /**
     * The executor task on every agent.
     *
     * @param cpus               MESOS_LOGSTASH_EXECUTOR_CPUS, default 0.5
     * @param mem                MESOS_LOGSTASH_EXECUTOR_MEM, default 256 (MiB): the executor process
     * @param logstashHeap       MESOS_LOGSTASH_EXECUTOR_LOGSTASH_HEAP, default 512 (MiB), > 0: the heap
     *                           of the Logstash the executor runs, handed to the executor as its
     *                           MESOS_LOGSTASH_LOGSTASH_HEAP (in MiB, {@code 512m})
     * @param logstashMem        MESOS_LOGSTASH_EXECUTOR_LOGSTASH_MEM, default 1024 (MiB), > the heap:
     *                           all the memory of that Logstash, requested on the task (Mesos wants a
     *                           task to use some resources besides its executor's). Logstash's JVM uses
     *                           memory beyond its heap (metaspace, threads, direct buffers), and Mesos
     *                           limits the executor's container to the executor's mem plus this
     * @param disk               MESOS_LOGSTASH_EXECUTOR_DISK, default 256 (MiB)
     * @param launch             MESOS_LOGSTASH_EXECUTOR_LAUNCH, default {@code DOCKER}; or {@code COMMAND}
     * @param image              MESOS_LOGSTASH_EXECUTOR_IMAGE, default {@code mesos-logstash/executor:latest}
     * @param checkpointHostPath MESOS_LOGSTASH_EXECUTOR_CHECKPOINT_HOST_PATH, default
     *                           {@code /var/lib/mesos-logstash}: host directory mounted for checkpoints
     * @param uris               MESOS_LOGSTASH_EXECUTOR_URIS (COMMAND only): URIs the agent fetches
     *                           into the sandbox, comma-separated
     * @param command            MESOS_LOGSTASH_EXECUTOR_COMMAND (COMMAND only), default
     *                           {@code java -jar mesos-logstash-executor.jar}
     */
    public record Executor(
            @DefaultValue("0.5") double cpus,
            @DefaultValue("256") double mem,
            @DefaultValue("512") double logstashHeap,
            @DefaultValue("1024") double logstashMem,
            @DefaultValue("256") double disk,
            @DefaultValue("DOCKER") LaunchMode launch,
            @DefaultValue("mesos-logstash/executor:latest") String image,
            @DefaultValue("/var/lib/mesos-logstash") String checkpointHostPath,
            @DefaultValue("") List<String> uris,
            @DefaultValue("java -jar mesos-logstash-executor.jar") String command) {

        public Executor {
            uris = uris == null ? List.of() : uris.stream().filter(u -> !u.isBlank()).map(String::strip).toList();
        }
    }

    public SchedulerProperties {
        constraints = constraints == null ? List.of() : constraints.stream().filter(c -> !c.isBlank()).map(String::strip).toList();
        allowedPlugins = allowedPlugins == null ? List.of() : allowedPlugins.stream().filter(p -> !p.isBlank()).map(String::strip).toList();
        Objects.requireNonNull(executor, "executor");
    }

    /**
     * Checks every option but the configurations directory (see {@link #configurationList()}), throwing {@link InvalidOptionException} with a message that names the option (as property and environment
     * variable), the value and what would be accepted.
     */
    public SchedulerProperties validate() {
        if (master == null || master.isBlank()) {
            throw invalid("master", master, "the Mesos master address is required, e.g. zk://zk1:2181/mesos or http://master:5050");
        }
        MasterAddress address;
        try {
            address = MasterAddress.parse(master);
        } catch (IllegalArgumentException e) {
            throw invalid("master", master, e.getMessage());
        }
        if (zooKeeperServers(address).isEmpty()) {
            throw invalid("zk-servers", zkServers, "required when the master is given as http(s) URLs: "
                    + "the framework id is kept in ZooKeeper (host:port[,host:port...])");
        }
        if (zkPath == null || !zkPath.startsWith("/") || zkPath.length() < 2 || zkPath.endsWith("/")) {
            throw invalid("zk-path", zkPath, "expected an absolute znode path such as /mesos-logstash");
        }
        requireText("framework-name", frameworkName);
        requireText("role", role);
        requireText("user", user);
        if (secret != null && !secret.isEmpty() && (principal == null || principal.isBlank())) {
            throw invalid("principal", principal, "a principal is required when a secret is given");
        }
        if (failoverTimeout == null || failoverTimeout.isNegative()) {
            throw invalid("failover-timeout", failoverTimeout, "expected a duration >= 0 such as 7d or 3600s");
        }
        positive("refuse-seconds", refuseSeconds);
        positive("placed-refuse-seconds", placedRefuseSeconds);
        for (String constraint : constraints) {
            int colon = constraint.indexOf(':');
            if (colon < 1 || colon == constraint.length() - 1) {
                throw invalid("constraints", constraint, "expected attribute:value, e.g. rack:r1");
            }
        }
        positive("reconciliation-timeout", reconciliationTimeout);
        positive("reconciliation-interval", reconciliationInterval);
        positive("relaunch-backoff-initial", relaunchBackoffInitial);
        positive("relaunch-backoff-max", relaunchBackoffMax);
        if (relaunchBackoffMax.compareTo(relaunchBackoffInitial) < 0) {
            throw invalid("relaunch-backoff-max", relaunchBackoffMax, "must not be shorter than relaunch-backoff-initial " + relaunchBackoffInitial);
        }
        if (activityLogSize < 1) {
            throw invalid("activity-log-size", activityLogSize, "expected at least 1");
        }
        collectorConfigJson(); // read now, so that a missing file stops the start rather than the first launch
        // The configurations directory is not read here: it only seeds the repository at the first start, and is read
        // (and a bad configuration stops the start) then, once; see configurationList().
        positive("executor.cpus", executor.cpus());
        positive("executor.mem", executor.mem());
        positive("executor.logstash-heap", executor.logstashHeap());
        if (!(executor.logstashMem() > executor.logstashHeap())) {
            throw invalid("executor.logstash-mem", executor.logstashMem(), "expected MiB more than executor.logstash-heap "
                    + executor.logstashHeap() + ": Logstash's JVM uses memory beyond its heap (Elastic advises a heap of at most "
                    + "50 to 75% of the memory)");
        }
        if (executor.disk() < 0) {
            throw invalid("executor.disk", executor.disk(), "expected MiB >= 0");
        }
        if (executor.launch() == null) {
            throw invalid("executor.launch", null, "expected DOCKER or COMMAND");
        }
        if (executor.launch() == LaunchMode.DOCKER) {
            requireText("executor.image", executor.image());
            if (executor.checkpointHostPath() == null || !executor.checkpointHostPath().startsWith("/")) {
                throw invalid("executor.checkpoint-host-path", executor.checkpointHostPath(), "expected an absolute host path");
            }
        } else {
            requireText("executor.command", executor.command());
        }
        return this;
    }

    /**
     * The content of the {@code collector-config} file. The executor checks it (only it knows its
     * environment's defaults); here it must only be readable and not empty.
     *
     * @throws InvalidOptionException naming the option when the path is missing or the file cannot be read
     */
    public String collectorConfigJson() {
        if (collectorConfig == null || collectorConfig.isBlank()) {
            throw invalid("collector-config", collectorConfig, "required: the path of the collector configuration JSON file "
                    + "(docs/collector.md) that every executor runs with");
        }
        String json;
        try {
            json = Files.readString(Path.of(collectorConfig.strip()));
        } catch (IOException | InvalidPathException e) {
            throw invalid("collector-config", collectorConfig, "expected a readable collector configuration JSON file; reading it failed: " + e);
        }
        if (json.isBlank()) {
            throw invalid("collector-config", collectorConfig, "the file is empty; expected a collector configuration JSON (docs/collector.md)");
        }
        return json;
    }

    /**
     * The configurations of the {@code configurations} directory, validated under the plugin policy
     * that {@code allowed-plugins} sets; none without the option. Reads the directory at every call:
     * the scheduler calls it once, at the first start, to seed the repository.
     *
     * @throws InvalidOptionException listing every problem with its file, line and column
     */
    public List<Configuration> configurationList() {
        if (configurations == null || configurations.isBlank()) {
            return List.of();
        }
        Path dir;
        try {
            dir = Path.of(configurations.strip());
        } catch (InvalidPathException e) {
            throw invalid("configurations", configurations, "expected a directory of <name>.conf files: " + e.getMessage());
        }
        if (!Files.isDirectory(dir)) {
            throw invalid("configurations", configurations, "expected a directory of <name>.conf files (docs/configurations.md); there is none");
        }
        try {
            return ConfigurationFiles.read(dir, new ConfigurationValidator(new PluginPolicy(Set.copyOf(allowedPlugins))));
        } catch (ConfigurationFiles.InvalidConfigurationsException e) {
            throw invalid("configurations", configurations, e.getMessage());
        }
    }

    /** The ensemble that keeps the framework id: the configured one, or that of a zk:// master. */
    public Optional<String> zooKeeperServers() {
        return zooKeeperServers(MasterAddress.parse(master));
    }

    private Optional<String> zooKeeperServers(MasterAddress address) {
        if (zkServers != null && !zkServers.isBlank()) {
            return Optional.of(zkServers.strip());
        }
        return address instanceof MasterAddress.ZooKeeper zk ? Optional.of(zk.connectString()) : Optional.empty();
    }

    public Optional<String> principalOption() {
        return principal == null || principal.isBlank() ? Optional.empty() : Optional.of(principal);
    }

    public Optional<String> secretOption() {
        return secret == null || secret.isEmpty() ? Optional.empty() : Optional.of(secret);
    }

    public Optional<String> webuiUrlOption() {
        return webuiUrl == null || webuiUrl.isBlank() ? Optional.empty() : Optional.of(webuiUrl);
    }

    @Override
    public String toString() {
        return "SchedulerProperties[master=" + master + ", zkServers=" + zkServers + ", zkPath=" + zkPath
                + ", frameworkName=" + frameworkName + ", role=" + role + ", principal=" + principal
                + ", secret=" + (secret == null ? "none" : "***") + ", user=" + user + ", failoverTimeout=" + failoverTimeout
                + ", constraints=" + constraints + ", collectorConfig=" + collectorConfig + ", executor=" + executor + "]";
    }

    private static void requireText(String option, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(option, value, "must not be empty");
        }
    }

    private static void positive(String option, double value) {
        if (!(value > 0)) {
            throw invalid(option, value, "expected a number > 0");
        }
    }

    private static void positive(String option, Duration value) {
        if (value == null || !value.isPositive()) {
            throw invalid(option, value, "expected a positive duration such as 30s");
        }
    }

    private static InvalidOptionException invalid(String option, Object value, String accepted) {
        String property = SchedulerOption.PREFIX + "." + option;
        return new InvalidOptionException("Invalid option " + property + " (" + SchedulerOption.environmentVariableOf(property) + ") = '"
                + value + "': " + accepted);
    }
}
