package org.mesoslogstash.onemachine;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.apache.mesos.v1.Protos.TaskStatus;
import org.mesoslogstash.onemachine.collection.CollectorSettings;
import org.mesoslogstash.onemachine.collection.ConfigurationDirectory;
import org.mesoslogstash.onemachine.lifecycle.Banner;
import org.mesoslogstash.onemachine.lifecycle.FrameworkTeardown;
import org.mesoslogstash.onemachine.lifecycle.Shutdown;
import org.mesoslogstash.onemachine.mesos.LocalMesos;
import org.mesoslogstash.onemachine.mesos.Machine;
import org.mesoslogstash.onemachine.options.Options;
import org.mesoslogstash.onemachine.scheduler.ChildProcesses;
import org.mesoslogstash.onemachine.scheduler.Login;
import org.mesoslogstash.onemachine.scheduler.SchedulerApi;
import org.mesoslogstash.onemachine.scheduler.SchedulerChild;
import org.mesoslogstash.onemachine.scheduler.SchedulerEnvironment;
import org.mesoslogstash.onemachine.store.EmbeddedStore;
import org.mesoslogstash.onemachine.store.LogStore;
import org.mesoslogstash.onemachine.zookeeper.EmbeddedZooKeeper;
import org.mesoslogstash.retry.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the one-machine mode. Starts, in this order, the embedded store (in the
 * background, it is the slowest), ZooKeeper, Mesos (master and this host's agent), the scheduler,
 * and registers the executor's teardown; waits until the scheduler is subscribed, the executor task
 * runs and the store answers; prints the {@link Banner}; then watches the scheduler until a signal
 * stops everything in the reverse order ({@link Shutdown}, from a shutdown hook).
 *
 * <p>Under the data directory: {@code checkpoints/} and {@code store/} survive runs (so a second run
 * stores no line twice); {@code zookeeper/}, {@code mesos/} (sandboxes) and {@code run/} (the
 * collector settings and configurations given to the scheduler) are made again at every start;
 * {@code logs/} is appended to.
 */
final class OneMachine {

    private static final Logger LOG = LoggerFactory.getLogger(OneMachine.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(500);
    /** The agent's executor shutdown grace period (5 s) and ample time for the teardown to reach it. */
    private static final Duration EXECUTOR_END = Duration.ofSeconds(20);

    private final Options options;
    private final Installation installation;
    private final Shutdown shutdown = new Shutdown();
    private volatile boolean stopping;

    OneMachine(Options options, Installation installation) {
        this.options = options;
        this.installation = installation;
    }

    /** Runs until stopped; the exit code (1 when something failed at start or the scheduler died). */
    int run() {
        long started = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            LOG.info("Stopping mesos-logstash");
            shutdown.run();
            LOG.info("Stopped");
        }, "shutdown"));
        Path data = options.data();
        Path logs = data.resolve("logs");
        try {
            shutdown.started("the data directory's lock", DataLock.acquire(data));
            Path executorJar = installation.executorJar();
            Path schedulerJar = installation.schedulerExecJar();
            List<Path> sources = new ArrayList<>();
            if (options.examples()) {
                sources.add(installation.examples());
            }
            sources.addAll(options.configurations());
            Path runDir = data.resolve("run");
            List<String> configurations = ConfigurationDirectory.gather(sources, runDir.resolve("configurations"));
            Machine machine = Machine.local(data);
            String hostname = machine.hostname();

            URI storeEndpoint = options.elasticsearch().orElse(URI.create("http://127.0.0.1:" + options.storePort()));
            Path collectorJson = runDir.resolve("collector.json");
            Files.writeString(collectorJson, CollectorSettings.json(hostname, data.resolve("checkpoints"), storeEndpoint));

            CompletableFuture<LogStore> store = startStore(data.resolve("store"));
            shutdown.started("the store", () -> {
                try {
                    store.join().close();
                } catch (CompletionException e) {
                    // it never started; the failure was reported
                }
            });
            EmbeddedZooKeeper zooKeeper = shutdown.started("ZooKeeper", EmbeddedZooKeeper.start(data.resolve("zookeeper")));
            Path mesosDir = data.resolve("mesos");
            deleteRecursively(mesosDir);
            LocalMesos mesos = shutdown.started("Mesos", LocalMesos.start(machine, mesosDir));

            Login login = options.users().map(Login::given).orElseGet(() -> Login.generated(new SecureRandom()));
            URI ui = SchedulerEnvironment.uiUrl(options.bind(), options.port());
            Map<String, String> environment = SchedulerEnvironment.of(mesos.masterUri(), zooKeeper.connectString(), Installation.java(),
                    executorJar, collectorJson, runDir.resolve("configurations"), login, options.bind(), options.port());
            SchedulerChild scheduler = shutdown.started("the scheduler",
                    SchedulerChild.start(ChildProcesses.REAL, Installation.java(), schedulerJar, environment, logs.resolve("scheduler.log")));
            SchedulerApi api = SchedulerApi.http(ui);
            shutdown.started("the executor", new FrameworkTeardown(teardownPaths(api, scheduler, mesos, login), Sleeper.REAL, EXECUTOR_END,
                    login.clientPassword().isPresent() ? Optional.empty()
                            : Optional.of("the password of --users' first user is not known here (only {noop} ones are)")));

            LogStore ready = awaitReady(store, scheduler, api, mesos);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Optional<Path> sandbox = mesos.liveExecutors().stream().findFirst().map(e -> e.sandbox());
            System.out.println(new Banner(hostname, took, ui, login.user(), login.password(), ready.uri(),
                    Optional.ofNullable(ready.endpoint().getUserInfo()).map(u -> u.split(":", 2)[0]),
                    ready instanceof EmbeddedStore embedded ? Optional.of(embedded.dir()) : Optional.empty(),
                    configurations, data, logs, sandbox).text());
            return watch(scheduler);
        } catch (StartFailure | IOException | IllegalStateException | IllegalArgumentException e) {
            LOG.error("mesos-logstash could not start: {}", e.getMessage());
            LOG.debug("Start failure", e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private CompletableFuture<LogStore> startStore(Path dir) {
        if (!options.embeddedStore()) {
            LOG.info("Logs go to {}", CollectorSettings.withoutUserInfo(options.elasticsearch().get()));
            return CompletableFuture.completedFuture(LogStore.external(options.elasticsearch().get()));
        }
        LOG.info("Starting the embedded OpenSearch on port {} (its data in {}); this takes 10 to 60 s", options.storePort(), dir);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return EmbeddedStore.start(dir, options.storePort(), options.storeHeap());
            } catch (IOException e) {
                throw new IllegalStateException("the embedded OpenSearch did not start: " + e.getMessage(), e);
            }
        }, Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("store-start").factory()));
    }

    private static FrameworkTeardown.Mesos teardownPaths(SchedulerApi api, SchedulerChild scheduler, LocalMesos mesos, Login login) {
        return new FrameworkTeardown.Mesos() {
            @Override
            public void teardownThroughScheduler() throws IOException {
                if (!scheduler.isAlive()) {
                    throw new IOException("the scheduler is not running");
                }
                api.teardown(login.user(), login.clientPassword().orElseThrow());
            }

            @Override
            public void shutdownOnAgent() {
                mesos.shutdownFramework(SchedulerEnvironment.FRAMEWORK_NAME);
            }

            @Override
            public boolean executorsRunning() {
                return !mesos.liveExecutors().isEmpty();
            }
        };
    }

    /** A part did not come up; the message says which and where its log is. */
    static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message);
        }
    }

    private LogStore awaitReady(CompletableFuture<LogStore> store, SchedulerChild scheduler, SchedulerApi api, LocalMesos mesos)
            throws StartFailure, InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        boolean subscribed = false;
        boolean running = false;
        boolean storeUp = false;
        while (true) {
            if (!scheduler.isAlive()) {
                throw new StartFailure("the scheduler exited with " + scheduler.exitValue() + "; the end of " + scheduler.log() + ":\n"
                        + tail(scheduler.log(), 15));
            }
            if (store.isCompletedExceptionally()) {
                try {
                    store.join();
                } catch (CompletionException e) {
                    throw new StartFailure(e.getCause().getMessage());
                }
            }
            if (!subscribed && api.subscribed()) {
                subscribed = true;
                LOG.info("Scheduler subscribed to the Mesos master; launching the executor on this host");
            }
            Optional<TaskStatus> task = mesos.runningTask();
            if (!running && task.isPresent()) {
                running = true;
                LOG.info("Executor task {} is running", task.get().getTaskId().getValue());
            }
            if (!storeUp && store.isDone()) {
                storeUp = true;
            }
            if (subscribed && running && storeUp) {
                return store.join();
            }
            if (System.nanoTime() > deadline) {
                throw new StartFailure("not up within " + START_TIMEOUT.toMinutes() + " min: scheduler subscribed " + subscribed
                        + ", executor running " + running + ", store up " + storeUp + "; see the logs in " + options.data().resolve("logs")
                        + " and the executor's stderr under " + options.data().resolve("mesos"));
            }
            Thread.sleep(POLL);
        }
    }

    private int watch(SchedulerChild scheduler) throws InterruptedException {
        while (true) {
            Thread.sleep(1000);
            if (!scheduler.isAlive() && !stopping) {
                LOG.error("The scheduler exited with {}; see {}. Stopping.", scheduler.exitValue(), scheduler.log());
                return 1;
            }
        }
    }

    private static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
