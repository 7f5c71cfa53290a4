package org.mesoslogstash.simulator.master;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;

/** The offers outstanding: made to a framework, neither used, declined nor rescinded yet. Confined to the master's lock. */
final class OfferBook {

    /** An offer and what it holds. */
    record Outstanding(Offer offer, FrameworkID frameworkId, String agentId, ScalarResources resources) {
    }

    private final Map<String, Outstanding> offers = new LinkedHashMap<>();
    private final String idPrefix;
    private long counter;

    OfferBook(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    Offer make(FrameworkID frameworkId, String role, AgentID agentId, String hostname, ScalarResources resources, List<Attribute> attributes) {
        Offer offer = Offer.newBuilder().setId(OfferID.newBuilder().setValue(idPrefix + "-O" + counter++))
                .setFrameworkId(frameworkId).setAgentId(agentId).setHostname(hostname)
                .addAllResources(resources.toProtos(role)).addAllAttributes(attributes).build();
        offers.put(offer.getId().getValue(), new Outstanding(offer, frameworkId, agentId.getValue(), resources));
        return offer;
    }

    /** Removes and returns the offer if it is outstanding to this framework. */
    Optional<Outstanding> take(OfferID id, FrameworkID frameworkId) {
        Outstanding offer = offers.get(id.getValue());
        if (offer == null || !offer.frameworkId().equals(frameworkId)) {
            return Optional.empty();
        }
        offers.remove(id.getValue());
        return Optional.of(offer);
    }

    /** Removes the offers that match; returns them. */
    List<Outstanding> removeIf(Predicate<Outstanding> which) {
        List<Outstanding> removed = new ArrayList<>();
        for (Iterator<Outstanding> it = offers.values().iterator(); it.hasNext();) {
            Outstanding offer = it.next();
            if (which.test(offer)) {
                removed.add(offer);
                it.remove();
            }
        }
        return removed;
    }

    /** What is on offer of each agent. */
    Map<String, ScalarResources> offeredByAgent() {
        Map<String, ScalarResources> offered = new HashMap<>();
        offers.values().forEach(o -> offered.merge(o.agentId(), o.resources(), ScalarResources::plus));
        return offered;
    }

    void clear() {
        offers.clear();
    }
}
