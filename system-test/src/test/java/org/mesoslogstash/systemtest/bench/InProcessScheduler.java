package org.mesoslogstash.systemtest.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.mesos.http.MesosHttpClient;
import org.mesoslogstash.mesos.master.MasterAddress;
import org.mesoslogstash.mesos.master.ZooKeeperMasterDetector;
import org.mesoslogstash.mesos.scheduler.HttpSchedulerClient;
import org.mesoslogstash.mesos.scheduler.SchedulerClientConfig;
import org.mesoslogstash.scheduler.SchedulerWiring;
import org.mesoslogstash.scheduler.distribution.VersionedConfiguration;
import org.mesoslogstash.scheduler.distribution.ZooKeeperConfigurationStore;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.mesoslogstash.scheduler.framework.ZooKeeperFrameworkIdStore;
import org.mesoslogstash.scheduler.lifecycle.LogstashScheduler;
import org.mesoslogstash.scheduler.lifecycle.SchedulerStatus;
import org.mesoslogstash.scheduler.placement.ActivityLog;
import org.mesoslogstash.scheduler.task.ZooKeeperTaskStore;

/**
 * The scheduler's core as SchedulerWiring builds it, without Spring and its web server: a ZooKeeper
 * session for its state, master detection in ZooKeeper, the HTTP scheduler client, the versioned
 * collector configuration in ZooKeeper, and {@link SchedulerWiring#create}. Closing it is a scheduler stopping: the executors keep running.
 */
final class InProcessScheduler implements AutoCloseable {

    private final CuratorFramework zk;
    private final ZooKeeperMasterDetector detector;
    private final HttpSchedulerClient client;
    private final ScheduledExecutorService timers;
    private final VersionedConfiguration configuration;
    private final LogstashScheduler scheduler;

    private InProcessScheduler(SchedulerProperties properties) {
        MasterAddress.ZooKeeper master = (MasterAddress.ZooKeeper) MasterAddress.parse(properties.master());
        zk = CuratorFrameworkFactory.newClient(properties.zooKeeperServers().orElseThrow(), new BoundedExponentialBackoffRetry(1_000, 30_000, 29));
        zk.start();
        detector = ZooKeeperMasterDetector.open(master, "http", Thread.ofPlatform().name("master-detector").daemon().factory());
        client = new HttpSchedulerClient(detector, MesosHttpClient.create(Duration.ofSeconds(10)),
                SchedulerClientConfig.defaults(failures -> Duration.ofMillis(Math.min(15_000, 500L << Math.min(failures, 5)))),
                Thread.ofPlatform().name("mesos-events").factory());
        timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("scheduler-timer").daemon().factory());
        configuration = VersionedConfiguration.load(new ZooKeeperConfigurationStore(zk, properties.zkPath()),
                Optional.of(properties.collectorConfigJson()), properties.configurationList());
        scheduler = SchedulerWiring.create(properties, client, new ZooKeeperFrameworkIdStore(zk, properties.zkPath()),
                new ZooKeeperTaskStore(zk, properties.zkPath()), new ActivityLog(properties.activityLogSize()), Clock.systemUTC(), timers,
                configuration);
    }

    /** Builds the scheduler and subscribes. */
    static InProcessScheduler start(SchedulerProperties properties) {
        InProcessScheduler started = new InProcessScheduler(properties);
        started.scheduler.start();
        return started;
    }

    /**
     * The documented defaults, COMMAND launch of {@code executorCommand}, masters found in ZooKeeper at {@code zkMaster}, the
     * collector configuration read from {@code collectorConfig}.
     */
    static SchedulerProperties properties(String zkMaster, String frameworkName, String executorCommand, java.nio.file.Path collectorConfig) {
        SchedulerProperties.Executor executor = new SchedulerProperties.Executor(0.5, 256, 512, 1024, 256, SchedulerProperties.LaunchMode.COMMAND,
                "mesos-logstash/executor:latest", "/var/lib/mesos-logstash", List.of(), executorCommand);
        return new SchedulerProperties(zkMaster, null, "/mesos-logstash", frameworkName, "*", null, null, "root", Duration.ofDays(7), null,
                30, 3600, List.of(), Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofMinutes(10), 1000,
                collectorConfig.toString(), null, List.of(), executor).validate();
    }

    /** A configuration change, as the web API makes it: the next version, stored, then distributed by the scheduler. */
    CollectorAssignment updateConfiguration(String collectorConfigJson) {
        return configuration.update(collectorConfigJson, List.of());
    }

    /** The scheduler itself, for checking that nothing keeps it once closed. */
    LogstashScheduler core() {
        return scheduler;
    }

    SchedulerStatus status() {
        return scheduler.status();
    }

    @Override
    public void close() {
        scheduler.close();
        client.close();
        detector.close();
        timers.shutdownNow();
        zk.close();
    }
}
