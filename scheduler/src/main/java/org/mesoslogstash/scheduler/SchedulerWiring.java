package org.mesoslogstash.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.config.validation.ConfigurationValidator;
import org.mesoslogstash.config.validation.PluginPolicy;
import org.mesoslogstash.mesos.http.MesosHttpClient;
import org.mesoslogstash.mesos.master.MasterAddress;
import org.mesoslogstash.mesos.master.MasterDetector;
import org.mesoslogstash.mesos.master.StaticMasterDetector;
import org.mesoslogstash.mesos.master.ZooKeeperMasterDetector;
import org.mesoslogstash.mesos.scheduler.Credential;
import org.mesoslogstash.mesos.scheduler.HttpSchedulerClient;
import org.mesoslogstash.mesos.scheduler.SchedulerClient;
import org.mesoslogstash.mesos.scheduler.SchedulerClientConfig;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.scheduler.configuration.ConfigurationHistory;
import org.mesoslogstash.scheduler.configuration.ConfigurationRepository;
import org.mesoslogstash.scheduler.configuration.ZooKeeperConfigurationHistoryStore;
import org.mesoslogstash.scheduler.distribution.ConfigurationDistributor;
import org.mesoslogstash.scheduler.distribution.ConfigurationSource;
import org.mesoslogstash.scheduler.distribution.VersionedConfiguration;
import org.mesoslogstash.scheduler.distribution.ZooKeeperConfigurationStore;
import org.mesoslogstash.scheduler.framework.FrameworkIdStore;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.mesoslogstash.scheduler.framework.ZooKeeperFrameworkIdStore;
import org.mesoslogstash.scheduler.launch.ExecutorLaunch;
import org.mesoslogstash.scheduler.lifecycle.LogstashScheduler;
import org.mesoslogstash.scheduler.placement.ActivityLog;
import org.mesoslogstash.scheduler.placement.Constraint;
import org.mesoslogstash.scheduler.placement.OfferEvaluator;
import org.mesoslogstash.scheduler.placement.OfferRules;
import org.mesoslogstash.scheduler.task.TaskRegistry;
import org.mesoslogstash.scheduler.task.TaskStore;
import org.mesoslogstash.scheduler.task.ZooKeeperTaskStore;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The composition root: everything the scheduler needs, built from the configuration and passed through
 * constructors. Spring closes the beans in reverse order on SIGTERM: the scheduler (leaving executors
 * running) before the client, ZooKeeper and the timers.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerWiring {

    /** The wait between failed subscriptions: Mesos suggests exponential up to 15 s. */
    static final Backoff RECONNECT_BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15));

    /** Re-sends of a configuration version to an executor that has not reported it: 10 s, doubling, at most 5 min. */
    static final Backoff CONFIGURATION_RESEND_BACKOFF = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService schedulerTimers() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("scheduler-timer").daemon().factory());
    }

    @Bean(destroyMethod = "close")
    CuratorFramework zooKeeper(SchedulerProperties properties) {
        properties.validate(); // before connecting, so that an invalid option stops the start at once

        CuratorFramework zk = CuratorFrameworkFactory.builder()
                .connectString(properties.zooKeeperServers().orElseThrow())
                .retryPolicy(new BoundedExponentialBackoffRetry(1_000, 30_000, 29))
                .build();
        zk.start();
        return zk;
    }

    @Bean(destroyMethod = "close")
    MasterDetector masterDetector(SchedulerProperties properties, CuratorFramework zk) {
        MasterAddress address = MasterAddress.parse(properties.master());
        return switch (address) {
            case MasterAddress.Urls urls -> new StaticMasterDetector(urls.masters());
            case MasterAddress.ZooKeeper ensemble when ensemble.connectString().equals(properties.zooKeeperServers().orElseThrow()) -> {
                // The same ensemble keeps our state: one ZooKeeper session for both.
                ZooKeeperMasterDetector detector = new ZooKeeperMasterDetector(zk, ensemble.path(), "http", detectorThreads());
                detector.start();
                yield detector;
            }
            case MasterAddress.ZooKeeper ensemble -> ZooKeeperMasterDetector.open(ensemble, "http", detectorThreads());
        };
    }

    private static java.util.concurrent.ThreadFactory detectorThreads() {
        return Thread.ofPlatform().name("master-detector").daemon().factory();
    }

    @Bean(destroyMethod = "close")
    SchedulerClient schedulerClient(SchedulerProperties properties, MasterDetector detector) {
        SchedulerClientConfig config = SchedulerClientConfig.defaults(RECONNECT_BACKOFF::delay);
        if (properties.principalOption().isPresent() && properties.secretOption().isPresent()) {
            config = config.withCredential(new Credential(properties.principalOption().get(), properties.secretOption().get()));
        }
        return new HttpSchedulerClient(detector, MesosHttpClient.create(Duration.ofSeconds(10)), config,
                Thread.ofPlatform().name("mesos-events").factory());
    }

    @Bean
    FrameworkIdStore frameworkIdStore(SchedulerProperties properties, CuratorFramework zk) {
        return new ZooKeeperFrameworkIdStore(zk, properties.zkPath());
    }

    @Bean
    TaskStore taskStore(SchedulerProperties properties, CuratorFramework zk) {
        return new ZooKeeperTaskStore(zk, properties.zkPath());
    }

    /**
     * Every version of every configuration, in {@code <zk-path>/configuration-history}; seeded from the
     * configurations directory only at the first start (when nothing is stored), which is the only time the
     * directory is read: a bad configuration in it stops that start, naming the option and every problem.
     */
    @Bean
    ConfigurationHistory configurationHistory(SchedulerProperties properties, CuratorFramework zk, Clock clock) {
        return ConfigurationHistory.load(new ZooKeeperConfigurationHistoryStore(zk, properties.zkPath()), clock, properties::configurationList);
    }

    /**
     * The current collector assignment, its version kept in {@code <zk-path>/configuration}: the collector
     * settings file and the current configurations of the history.
     */
    @Bean
    VersionedConfiguration collectorConfiguration(SchedulerProperties properties, CuratorFramework zk, ConfigurationHistory history) {
        return VersionedConfiguration.load(new ZooKeeperConfigurationStore(zk, properties.zkPath()), Optional.of(properties.collectorConfigJson()),
                history.currentConfigurations());
    }

    /** Changes through the API: validated under the plugin policy, stored, then distributed as the next assignment. */
    @Bean
    ConfigurationRepository configurationRepository(SchedulerProperties properties, ConfigurationHistory history,
            VersionedConfiguration collectorConfiguration, Clock clock) {
        ConfigurationValidator validator = new ConfigurationValidator(new PluginPolicy(Set.copyOf(properties.allowedPlugins())));
        return new ConfigurationRepository(history, validator, collectorConfiguration::replaceConfigurations, clock);
    }

    @Bean
    ActivityLog activityLog(SchedulerProperties properties) {
        return new ActivityLog(properties.activityLogSize());
    }

    @Bean(destroyMethod = "close")
    LogstashScheduler logstashScheduler(SchedulerProperties properties, SchedulerClient client, FrameworkIdStore frameworkIds,
            TaskStore tasks, ActivityLog activity, Clock clock, ScheduledExecutorService schedulerTimers,
            VersionedConfiguration collectorConfiguration) {
        // The options were checked before ZooKeeper was connected (see zooKeeper), which everything here depends on.
        return create(properties, client, frameworkIds, tasks, activity, clock, schedulerTimers, collectorConfiguration);
    }

    /** A scheduler whose collector configuration is the file's, as version 1, and never changes; what tests build. */
    public static LogstashScheduler create(SchedulerProperties properties, SchedulerClient client, FrameworkIdStore frameworkIds,
            TaskStore tasks, ActivityLog activity, Clock clock, ScheduledExecutorService timers) {
        CollectorAssignment fixed = new CollectorAssignment(1, properties.collectorConfigJson(), properties.configurationList());
        return create(properties, client, frameworkIds, tasks, activity, clock, timers, () -> Optional.of(fixed));
    }

    /** The scheduler and its parts, as wired here. */
    public static LogstashScheduler create(SchedulerProperties properties, SchedulerClient client, FrameworkIdStore frameworkIds,
            TaskStore tasks, ActivityLog activity, Clock clock, ScheduledExecutorService timers, ConfigurationSource configuration) {
        Backoff relaunch = new Backoff(properties.relaunchBackoffInitial(), properties.relaunchBackoffMax());
        ExecutorLaunch launch = new ExecutorLaunch(properties, configuration);
        OfferEvaluator evaluator = new OfferEvaluator(OfferRules.standard(launch.totalNeed(), properties.role(),
                Constraint.parseAll(properties.constraints())));
        return new LogstashScheduler(client, properties, frameworkIds, new TaskRegistry(tasks, clock, relaunch::delay),
                evaluator, launch, activity, clock, timers,
                new ConfigurationDistributor(configuration, client, clock, CONFIGURATION_RESEND_BACKOFF));
    }

    /** Subscribes once the context is up (the web endpoints included). */
    @Bean
    ApplicationRunner startScheduler(LogstashScheduler scheduler) {
        return args -> scheduler.start();
    }
}
