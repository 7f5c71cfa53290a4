package org.mesoslogstash.executor.mesos;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.mesoslogstash.executor.collector.CollectRule;
import org.mesoslogstash.executor.collector.CollectorConfig;
import org.mesoslogstash.executor.collector.RunningCollector;

/**
 * One run of the collector, as the Mesos executor sees it: it asks whether collection is ready,
 * gives it new rules, and stops it. In production a {@link RunningCollector}; tests replace it.
 */
public interface CollectorRun {

    /** Collection is under way (discovery connected to Docker); see {@link RunningCollector#ready()}. */
    boolean ready();

    /** Collects by {@code rules} from now on, restarting only the streams that need it; see {@link RunningCollector#apply}. */
    void apply(List<CollectRule> rules);

    /** Stops streams and delivery and flushes checkpoints within {@code within}; see {@link RunningCollector#close}. */
    void close(Duration within) throws InterruptedException;

    /** Starts a run; may throw {@link org.mesoslogstash.executor.collector.ConfigException} for what only starting shows. */
    @FunctionalInterface
    interface Starter {
        CollectorRun start(CollectorConfig config);
    }

    /** Starts {@link RunningCollector}s. */
    static Starter runningCollectors(Clock clock) {
        return config -> {
            RunningCollector collector = RunningCollector.start(config, clock);
            return new CollectorRun() {
                @Override
                public boolean ready() {
                    return collector.ready();
                }

                @Override
                public void apply(List<CollectRule> rules) {
                    collector.apply(rules);
                }

                @Override
                public void close(Duration within) throws InterruptedException {
                    collector.close(within);
                }
            };
        };
    }
}
