package org.mesoslogstash.executor.collector;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.mesoslogstash.executor.checkpoint.CheckpointWriter;
import org.mesoslogstash.executor.checkpoint.FileCheckpointStore;
import org.mesoslogstash.executor.collector.CollectorConfig.SinkConfig;
import org.mesoslogstash.executor.delivery.CloseSummary;
import org.mesoslogstash.executor.delivery.DeliveryMetrics;
import org.mesoslogstash.executor.delivery.DeliveryPipeline;
import org.mesoslogstash.executor.delivery.EventPublisher;
import org.mesoslogstash.executor.discovery.ContainerDirectory;
import org.mesoslogstash.executor.discovery.ContainerDirectoryException;
import org.mesoslogstash.executor.discovery.ContainerDiscovery;
import org.mesoslogstash.executor.discovery.DockerContainerDirectory;
import org.mesoslogstash.executor.docker.DockerClients;
import org.mesoslogstash.executor.event.StreamKey;
import org.mesoslogstash.executor.multiline.MultilinePublisher;
import org.mesoslogstash.executor.sink.EventJson;
import org.mesoslogstash.executor.sink.Sink;
import org.mesoslogstash.executor.sink.beats.BeatsSink;
import org.mesoslogstash.executor.sink.beats.BeatsSinkOptions;
import org.mesoslogstash.executor.sink.elasticsearch.ElasticsearchSink;
import org.mesoslogstash.executor.sink.jsonlines.JsonLinesSink;
import org.mesoslogstash.executor.stream.StreamStatus;
import org.mesoslogstash.executor.stream.StreamSupervisor;
import org.mesoslogstash.executor.stream.console.ConsoleStream;
import org.mesoslogstash.executor.stream.console.DockerConsoleLogs;
import org.mesoslogstash.executor.stream.exec.DockerContainerExec;
import org.mesoslogstash.executor.stream.file.FileStream;
import org.mesoslogstash.executor.stream.file.FileStreamSettings;
import org.mesoslogstash.retry.Backoff;
import org.mesoslogstash.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector assembled from its parts and running: discovery feeds the {@link Collector}, which
 * starts streams; streams publish into the delivery pipeline, whose sink acknowledgements move the
 * checkpoints. This class is the one place that knows how the parts fit together.
 */
public final class RunningCollector {

    private static final Logger log = LoggerFactory.getLogger(RunningCollector.class);
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(60);
    /** A stream that cannot be read is tried again soon at first, then every two minutes. */
    private static final Backoff STREAM_RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2));

    private final DockerClient docker;
    private final Collector collector;
    private final ContainerDiscovery discovery;
    private final StreamSupervisor streams;
    private final DeliveryPipeline delivery;
    private final ScheduledExecutorService scheduler;
    private final MultilinePublisher multiline;
    private final ScheduledExecutorService multilineTimer;
    private final Clock clock;

    private RunningCollector(DockerClient docker, Collector collector, ContainerDiscovery discovery, StreamSupervisor streams,
                             DeliveryPipeline delivery, ScheduledExecutorService scheduler, MultilinePublisher multiline,
                             ScheduledExecutorService multilineTimer, Clock clock) {
        this.docker = docker;
        this.collector = collector;
        this.discovery = discovery;
        this.streams = streams;
        this.delivery = delivery;
        this.scheduler = scheduler;
        this.multiline = multiline;
        this.multilineTimer = multilineTimer;
        this.clock = clock;
    }

    public static RunningCollector start(CollectorConfig config, Clock clock) {
        log.info("starting: Docker at {}, checkpoints in {}, sink {}, {} rule(s)",
                config.docker().uri(), config.checkpointDir(), config.sink(), config.rules().size());
        // What can fail on a bad configuration comes first, before anything is opened.
        FileCheckpointStore checkpoints = new FileCheckpointStore(config.checkpointDir(), clock);
        Sink sink = sink(config.sink(), clock);
        DockerClient docker = DockerClients.connect(config.docker());
        try {
            return assemble(config, clock, checkpoints, sink, docker);
        } catch (RuntimeException e) {
            sink.close();
            closeDocker(docker);
            throw e;
        }
    }

    private static RunningCollector assemble(CollectorConfig config, Clock clock, FileCheckpointStore checkpoints, Sink sink,
                                             DockerClient docker) {
        ContainerDirectory directory = new DockerContainerDirectory(docker);
        forgetRemovedContainers(directory, checkpoints);

        CheckpointWriter writer = new CheckpointWriter(checkpoints,
                Thread.ofPlatform().name("checkpoint-writer").daemon().factory(), Backoff.DEFAULT, clock);
        DeliveryPipeline.Options defaults = DeliveryPipeline.Options.DEFAULTS;
        // Acknowledged positions may wait for the disk for at most one more window, so a crash
        // redelivers at most twice the window: the bound docs/collector.md states.
        DeliveryPipeline.Options options = new DeliveryPipeline.Options(Math.min(defaults.batchSize(), config.maxUnacknowledged()),
                defaults.linger(), config.maxUnacknowledged(), config.maxUnacknowledged());
        DeliveryPipeline delivery = new DeliveryPipeline(sink, writer, options, clock,
                Thread.ofPlatform().name("delivery-", 0).daemon().factory());

        // Streams publish through the routing table, which stamps each event with the routing in
        // force when the stream hands it over, then through multiline joining (the joined event keeps
        // its first line's routing); new rules change the two tables, not the streams.
        ScheduledExecutorService multilineTimer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("multiline-flush").daemon().factory());
        MultilinePublisher multiline = new MultilinePublisher(delivery, multilineTimer, clock,
                Thread.ofVirtual().name("multiline-flush-", 0).factory());
        StreamRoutes routes = new StreamRoutes();
        EventPublisher publisher = routes.stamping(multiline);
        FileStreamSettings fileSettings = new FileStreamSettings(config.maxLineBytes(), FileStreamSettings.DEFAULT.chunkBytes(),
                FileStreamSettings.DEFAULT.heartbeat(), FileStreamSettings.DEFAULT.poll());
        StreamSupervisor streams = new StreamSupervisor(
                new FileStream(new DockerContainerExec(docker), publisher, clock, fileSettings),
                new ConsoleStream(DockerConsoleLogs.of(docker), publisher, config.maxLineBytes()),
                clock, Sleeper.REAL, STREAM_RETRY, Thread.ofVirtual().name("stream-", 0).factory());

        Collector collector = new Collector(config.rules(), config.agentHost(), streams, checkpoints, delivery, routes, multiline);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("discovery").daemon().factory());
        ContainerDiscovery discovery = new ContainerDiscovery(directory, collector, config.resyncInterval(),
                Backoff.DEFAULT, scheduler, clock);
        RunningCollector running = new RunningCollector(docker, collector, discovery, streams, delivery, scheduler, multiline, multilineTimer, clock);
        discovery.start();
        scheduler.scheduleAtFixedRate(running::logStatus, STATUS_INTERVAL.toSeconds(), STATUS_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        return running;
    }

    /**
     * Checkpoints of containers that were removed while the collector was not running would
     * otherwise stay forever: no removal event will ever come for them.
     */
    private static void forgetRemovedContainers(ContainerDirectory directory, FileCheckpointStore checkpoints) {
        Set<String> existing;
        try {
            existing = directory.list().stream().map(ContainerDirectory.ContainerStatus::id).collect(Collectors.toSet());
        } catch (ContainerDirectoryException e) {
            log.warn("cannot list containers to prune checkpoints ({}); keeping them all", e.getMessage());
            return;
        }
        for (StreamKey key : checkpoints.loadAll().keySet()) {
            if (!existing.contains(key.containerId())) {
                checkpoints.remove(key);
                log.info("container {} no longer exists; removed the checkpoint of {}", key.containerId(), key.source());
            }
        }
    }

    /** Where the executor's own Logstash listens; its router's beats input binds there only. */
    public static final String LOCAL_LOGSTASH = "127.0.0.1";

    private static Sink sink(SinkConfig config, Clock clock) {
        return switch (config) {
            case SinkConfig.Beats beats -> {
                BeatsSinkOptions options = BeatsSinkOptions.defaults(beats.host(), beats.port())
                        .withCompressionLevel(beats.compressionLevel());
                if (beats.tls()) {
                    options = options.withTls(sslContext(beats));
                }
                yield BeatsSink.start(options, EventJson.forBeats(), clock, Sleeper.REAL);
            }
            // On the same host: compressing would cost CPU and save nothing.
            case SinkConfig.ManagedLogstash logstash ->
                    BeatsSink.start(BeatsSinkOptions.defaults(LOCAL_LOGSTASH, logstash.port()), EventJson.forBeats(), clock, Sleeper.REAL);
            case SinkConfig.JsonLines lines -> lines.file() == null
                    ? JsonLinesSink.toStream(System.out, "stdout", EventJson.forJsonLines())
                    : JsonLinesSink.toFile(lines.file(), EventJson.forJsonLines(), Backoff.DEFAULT, Sleeper.REAL);
            case SinkConfig.Elasticsearch elasticsearch -> {
                try {
                    yield ElasticsearchSink.start(elasticsearch.options(), Sleeper.REAL, clock);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("sink", java.util.List.of("$.sink.trustStore: " + e.getMessage()));
                }
            }
        };
    }

    private static SSLContext sslContext(SinkConfig.Beats beats) {
        try {
            if (beats.trustStore() == null) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(beats.trustStore())) {
                trusted.load(in, beats.trustStorePassword() == null ? null : beats.trustStorePassword().toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("sink", List.of("$.sink.trustStore: cannot load " + beats.trustStore() + ": " + e.getMessage()));
        }
    }

    /**
     * Collection is under way: discovery is connected to Docker and has listed its containers once,
     * so every matching container has its streams. What a Mesos executor waits for before it reports
     * TASK_RUNNING.
     */
    public boolean ready() {
        return discovery.connected();
    }

    /**
     * Collects by {@code rules} from now on, without restarting what does not need it: streams both
     * the old and the new rules name keep running (nothing is read twice; a changed routing applies
     * to the lines they hand over from now on), streams only the new rules name start from their
     * checkpoints, streams no longer named stop with their checkpoints kept. Running containers are
     * matched again at once; safe to call while discovery reports containers.
     */
    public Collector.Applied apply(List<CollectRule> rules) {
        Collector.Applied applied = collector.apply(rules);
        log.info("applied {} rule(s): {} stream(s) started, {} stopped, {} rerouted, {} unchanged",
                rules.size(), applied.started(), applied.stopped(), applied.rerouted(), applied.kept());
        return applied;
    }

    public Map<StreamKey, StreamStatus> streamStatuses() {
        return streams.statuses();
    }

    /**
     * The running containers discovery sees, matched by a rule or not, each with its number of
     * streams; a snapshot, safe to take on any thread (see {@link Collector#containers()}).
     */
    public List<DiscoveredContainer> discoveredContainers() {
        return collector.containers();
    }

    public DeliveryMetrics deliveryMetrics() {
        return delivery.metrics();
    }

    /** One line an operator can read at a glance; the streams that are not running are named. */
    private void logStatus() {
        Map<StreamKey, StreamStatus> statuses = streams.statuses();
        Map<StreamStatus.State, Long> byState = statuses.values().stream()
                .collect(Collectors.groupingBy(StreamStatus::state, () -> new TreeMap<>(), Collectors.counting()));
        DeliveryMetrics metrics = delivery.metrics();
        log.info("streams {}; events published {}, acknowledged {}, unacknowledged {}; checkpoints {}; Docker {}",
                byState, metrics.published(), metrics.acknowledged(), metrics.unacknowledged(),
                metrics.checkpointWriter().state(), discovery.connected() ? "connected" : "disconnected");
        statuses.forEach((key, status) -> {
            if (status.state() == StreamStatus.State.RETRYING || status.state() == StreamStatus.State.FAILED) {
                log.warn("stream {} is {}: {}", key, status.state(), status.lastFailure() == null ? "no reason recorded" : status.lastFailure().reason());
            }
        });
    }

    /**
     * Stops in the order that loses nothing: no new streams, then the streams (their last lines are
     * published), then delivery (acknowledged positions are made durable; what the sink did not
     * acknowledge is read again on the next start).
     */
    public void close(Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        log.info("stopping");
        discovery.close();
        scheduler.shutdownNow();
        streams.close(remaining(deadline));
        // Messages still waiting for their quiet period go out now, while delivery can still take
        // them; with half the time left at most, so that delivery keeps time to drain.
        multiline.flushAll(remaining(deadline).dividedBy(2));
        multilineTimer.shutdownNow();
        CloseSummary summary = delivery.close(remaining(deadline));
        closeDocker(docker);
        log.info("stopped: {} events acknowledged, {} left for the next start; checkpoints {}",
                summary.acknowledged(), summary.abandoned(), summary.checkpointsDurable() ? "durable" : "NOT all durable");
    }

    private static void closeDocker(DockerClient docker) {
        try {
            docker.close();
        } catch (IOException e) {
            log.debug("closing the Docker client: {}", e.getMessage());
        }
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
