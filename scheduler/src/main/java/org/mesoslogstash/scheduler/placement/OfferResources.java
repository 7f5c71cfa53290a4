package org.mesoslogstash.scheduler.placement;

import java.util.ArrayList;
import java.util.List;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Scalar resources of an offer that this framework may use: unreserved ({@code *}) or reserved for its
 * role, and not revocable.
 */
public final class OfferResources {

    private OfferResources() {
    }

    public static double available(Offer offer, String name, String role) {
        double sum = 0;
        for (Resource resource : offer.getResourcesList()) {
            if (usable(resource, name, role)) {
                sum += resource.getScalar().getValue();
            }
        }
        return sum;
    }

    /**
     * Takes {@code amount} of a resource from the offer, reserved-for-the-role resources first, as the
     * Resource entries a launch must name. Throws if the offer does not hold enough (check first).
     */
    public static List<Resource> take(Offer offer, String name, double amount, String role) {
        List<Resource> taken = new ArrayList<>();
        double remaining = amount;
        for (boolean reservedPass : new boolean[] {true, false}) {
            for (Resource resource : offer.getResourcesList()) {
                if (remaining <= 1e-9 || !usable(resource, name, role) || reserved(resource) != reservedPass) {
                    continue;
                }
                double part = Math.min(remaining, resource.getScalar().getValue());
                taken.add(resource.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(part)).build());
                remaining -= part;
            }
        }
        if (remaining > 1e-9) {
            throw new IllegalStateException("offer " + offer.getId().getValue() + " lacks " + remaining + " " + name);
        }
        return taken;
    }

    // Resource.role is deprecated for RESERVATION_REFINEMENT frameworks; without that capability
    // Mesos sends offers in the format that carries it.
    @SuppressWarnings("deprecation")
    private static boolean usable(Resource resource, String name, String role) {
        if (!resource.getName().equals(name) || resource.getType() != Value.Type.SCALAR || resource.hasRevocable()) {
            return false;
        }
        String resourceRole = resource.hasRole() ? resource.getRole() : "*";
        return resourceRole.equals("*") || resourceRole.equals(role);
    }

    @SuppressWarnings("deprecation")
    private static boolean reserved(Resource resource) {
        return resource.hasRole() && !resource.getRole().equals("*");
    }
}
