package org.mesoslogstash.simulator.master;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Unreserved scalar resources by name ({@code cpus}, {@code mem}, {@code disk}...), the only kind the
 * simulator's agents have. A resource of another type, or reserved for a role, is invalid for them.
 * Arithmetic is rounded to Mesos' fixed point (three decimals) so that 0.1 + 0.2 fits into 0.3.
 */
public record ScalarResources(Map<String, Double> amounts) {

    public static final ScalarResources NONE = new ScalarResources(Map.of());

    public ScalarResources {
        Map<String, Double> copy = new TreeMap<>();
        amounts.forEach((name, value) -> {
            double rounded = Math.round(value * 1000) / 1000.0;
            if (rounded != 0) {
                copy.put(name, rounded);
            }
        });
        amounts = java.util.Collections.unmodifiableMap(copy);
    }

    /** Sums the resources; resources that are not scalars are counted under their name as infinite demand. */
    public static ScalarResources of(List<Resource> resources) {
        Map<String, Double> sums = new TreeMap<>();
        for (Resource resource : resources) {
            double value = resource.getType() == Value.Type.SCALAR ? resource.getScalar().getValue() : Double.POSITIVE_INFINITY;
            sums.merge(resource.getName(), value, Double::sum);
        }
        return new ScalarResources(sums);
    }

    public ScalarResources plus(ScalarResources other) {
        Map<String, Double> sums = new TreeMap<>(amounts);
        other.amounts.forEach((name, value) -> sums.merge(name, value, Double::sum));
        return new ScalarResources(sums);
    }

    public ScalarResources minus(ScalarResources other) {
        Map<String, Double> rest = new TreeMap<>(amounts);
        other.amounts.forEach((name, value) -> rest.merge(name, -value, Double::sum));
        rest.replaceAll((name, value) -> Math.max(0, value));
        return new ScalarResources(rest);
    }

    public boolean contains(ScalarResources other) {
        return other.amounts.entrySet().stream()
                .allMatch(e -> amounts.getOrDefault(e.getKey(), 0.0) + 1e-9 >= e.getValue());
    }

    public boolean isEmpty() {
        return amounts.isEmpty();
    }

    /** As offered resources: unreserved, allocated to {@code role}. */
    public List<Resource> toProtos(String role) {
        return amounts.entrySet().stream().map(e -> Resource.newBuilder().setName(e.getKey()).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(e.getValue()))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role))
                .build()).toList();
    }

    /** Mesos' notation, such as {@code cpus:0.5; mem:128}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        amounts.forEach((name, value) -> text.append(text.isEmpty() ? "" : "; ").append(name).append(':')
                .append(value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value)));
        return text.isEmpty() ? "{}" : text.toString();
    }
}
