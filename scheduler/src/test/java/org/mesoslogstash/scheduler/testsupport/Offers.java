package org.mesoslogstash.scheduler.testsupport;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** Offers as a Mesos master sends them, for tests. */
public final class Offers {

    private Offers() {
    }

    public static Offer offer(String offerId, String agentId, double cpus, double mem, double disk) {
        return builder(offerId, agentId, cpus, mem, disk).build();
    }

    public static Offer.Builder builder(String offerId, String agentId, double cpus, double mem, double disk) {
        return Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue(offerId))
                .setFrameworkId(FrameworkID.newBuilder().setValue("fw"))
                .setAgentId(AgentID.newBuilder().setValue(agentId))
                .setHostname("host-" + agentId)
                .addResources(scalar("cpus", cpus))
                .addResources(scalar("mem", mem))
                .addResources(scalar("disk", disk));
    }

    public static Offer withAttribute(Offer offer, String name, String value) {
        return offer.toBuilder().addAttributes(Attribute.newBuilder().setName(name).setType(Value.Type.TEXT)
                .setText(Value.Text.newBuilder().setValue(value))).build();
    }

    @SuppressWarnings("deprecation") // Resource.role: see OfferResources
    public static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR).setRole("*")
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }
}
