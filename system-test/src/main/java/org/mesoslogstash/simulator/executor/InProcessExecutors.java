package org.mesoslogstash.simulator.executor;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.Objects;

import org.apache.mesos.v1.Protos.ExecutorInfo;

/**
 * Which executors a simulated agent runs in-process, and how: a thousand executor JVMs do not fit on
 * one machine, a thousand {@link SimulatedCollectorExecutor}s do. An agent asks {@link #runs} for every
 * executor it launches; for those it answers yes it calls {@link #start} with the environment it would
 * have given the process, instead of starting one.
 */
public interface InProcessExecutors {

    boolean runs(ExecutorInfo executor);

    /** Starts the executor with the agent's {@code MESOS_*} environment; it subscribes on its own. */
    InProcessExecutor start(Map<String, String> environment);

    /**
     * Executors whose command's value is exactly {@code commandMarker} run as {@link
     * SimulatedCollectorExecutor}s, all over one shared {@code http} client (an HttpClient has its own
     * selector thread and connection pool; one per executor would not be cheap).
     */
    static InProcessExecutors collectorExecutors(String commandMarker, HttpClient http) {
        Objects.requireNonNull(commandMarker, "commandMarker");
        Objects.requireNonNull(http, "http");
        return new InProcessExecutors() {
            @Override
            public boolean runs(ExecutorInfo executor) {
                return executor.hasCommand() && executor.getCommand().getValue().equals(commandMarker);
            }

            @Override
            public InProcessExecutor start(Map<String, String> environment) {
                return SimulatedCollectorExecutor.start(environment, http);
            }
        };
    }
}
