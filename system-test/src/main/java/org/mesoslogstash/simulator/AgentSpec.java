package org.mesoslogstash.simulator;

import java.util.Map;
import java.util.Objects;

/**
 * A simulated agent as an operator would configure it: its id, host name, total resources and
 * attributes (values that parse as numbers become SCALAR attributes, others TEXT, as Mesos parses
 * {@code --attributes}).
 */
public record AgentSpec(String id, String hostname, double cpus, double mem, double disk, Map<String, String> attributes) {

    public AgentSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hostname, "hostname");
        attributes = Map.copyOf(attributes);
        if (cpus < 0 || mem < 0 || disk < 0) {
            throw new IllegalArgumentException("agent " + id + ": resources must not be negative; were cpus " + cpus + ", mem " + mem + ", disk " + disk);
        }
    }

    /** An agent with 4 cpus, 8 GiB of memory, 100 GiB of disk and no attributes. */
    public static AgentSpec standard(String id) {
        return new AgentSpec(id, id + ".simulated", 4, 8192, 102_400, Map.of());
    }

    public AgentSpec withAttributes(Map<String, String> more) {
        return new AgentSpec(id, hostname, cpus, mem, disk, more);
    }
}
