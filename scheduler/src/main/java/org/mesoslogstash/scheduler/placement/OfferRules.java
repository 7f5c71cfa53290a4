package org.mesoslogstash.scheduler.placement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Offer;

/** The rules the scheduler places executors by; each declines with the reason an operator reads. */
public final class OfferRules {

    private OfferRules() {
    }

    /** The scheduler's rules, in the order their reasons are listed. */
    public static List<OfferRule> standard(ResourceNeed need, String role, List<Constraint> constraints) {
        return List.of(notReconciling(), oneExecutorPerAgent(), relaunchBackoff(), enoughResources(need, role), constraints(constraints));
    }

    public static OfferRule notReconciling() {
        return rule("not-reconciling", (offer, cluster) -> cluster.reconciling()
                ? Verdict.decline("reconciliation in progress") : Verdict.accept());
    }

    public static OfferRule oneExecutorPerAgent() {
        return rule("one-executor-per-agent", (offer, cluster) -> cluster.agentsWithExecutor().contains(offer.getAgentId().getValue())
                ? Verdict.decline("agent already has an executor") : Verdict.accept());
    }

    public static OfferRule relaunchBackoff() {
        return rule("relaunch-backoff", (offer, cluster) -> {
            Instant notBefore = cluster.relaunchNotBefore().get(offer.getAgentId().getValue());
            return notBefore != null && cluster.now().isBefore(notBefore)
                    ? Verdict.decline("relaunch backoff until " + notBefore) : Verdict.accept();
        });
    }

    public static OfferRule enoughResources(ResourceNeed need, String role) {
        return rule("enough-resources", (offer, cluster) -> {
            List<String> lacking = new ArrayList<>();
            check(lacking, offer, role, "cpus", need.cpus(), "");
            check(lacking, offer, role, "mem", need.mem(), " MiB");
            check(lacking, offer, role, "disk", need.disk(), " MiB");
            return lacking.isEmpty() ? Verdict.accept() : Verdict.decline(String.join("; ", lacking));
        });
    }

    public static OfferRule constraints(List<Constraint> constraints) {
        return rule("agent-constraints", (offer, cluster) -> {
            List<String> mismatches = new ArrayList<>();
            for (Constraint constraint : constraints) {
                Optional<String> value = attribute(offer, constraint.attribute());
                if (value.isEmpty()) {
                    mismatches.add("agent has no attribute " + constraint.attribute() + " (constraint " + constraint + ")");
                } else if (!value.get().equals(constraint.value())) {
                    mismatches.add("agent attribute " + constraint.attribute() + "=" + value.get() + " does not match constraint " + constraint);
                }
            }
            return mismatches.isEmpty() ? Verdict.accept() : Verdict.decline(String.join("; ", mismatches));
        });
    }

    private static void check(List<String> lacking, Offer offer, String role, String name, double needed, String unit) {
        if (needed <= 0) {
            return;
        }
        double offered = OfferResources.available(offer, name, role);
        if (offered + 1e-9 < needed) {
            lacking.add("not enough " + name + ": offered " + format(offered) + unit + ", need " + format(needed) + unit);
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** An agent attribute as text: TEXT as is, SCALAR as a number, RANGES and SET as Mesos prints them. */
    private static Optional<String> attribute(Offer offer, String name) {
        for (Attribute attribute : offer.getAttributesList()) {
            if (attribute.getName().equals(name)) {
                return Optional.of(switch (attribute.getType()) {
                    case TEXT -> attribute.getText().getValue();
                    case SCALAR -> format(attribute.getScalar().getValue());
                    case SET -> String.join(",", attribute.getSet().getItemList());
                    case RANGES -> attribute.getRanges().toString().strip();
                });
            }
        }
        return Optional.empty();
    }

    private interface Judge {
        Verdict judge(Offer offer, ClusterView cluster);
    }

    private static OfferRule rule(String name, Judge judge) {
        return new OfferRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict judge(Offer offer, ClusterView cluster) {
                return judge.judge(offer, cluster);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
