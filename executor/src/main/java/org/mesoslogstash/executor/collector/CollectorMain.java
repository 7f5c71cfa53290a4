package org.mesoslogstash.executor.collector;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the collector on this host from a JSON configuration file, until SIGTERM or SIGINT. Exit
 * code 2 means the configuration could not be used; the reasons are printed, every one of them.
 */
public final class CollectorMain {

    private static final Logger log = LoggerFactory.getLogger(CollectorMain.class);
    /** Enough for streams to stop and delivery to hear the acknowledgements already on their way. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private CollectorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: collector <config.json>   (see docs/collector.md)");
            System.exit(2);
        }
        CollectorConfig config;
        try {
            Path file = Path.of(args[0]);
            config = new CollectorConfigReader(System.getenv(), hostName()).read(Files.readString(file), file.toString());
        } catch (IOException e) {
            System.err.println("cannot read the collector configuration " + args[0] + ": " + e);
            System.exit(2);
            return;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        RunningCollector collector = RunningCollector.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            try {
                collector.close(STOP_TIMEOUT);
            } catch (InterruptedException e) {
                log.warn("interrupted while stopping; unacknowledged lines will be read again on the next start");
            } finally {
                stopped.countDown();
            }
        }));
        stopped.await();
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
