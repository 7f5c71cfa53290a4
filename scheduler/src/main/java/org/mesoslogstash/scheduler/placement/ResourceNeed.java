package org.mesoslogstash.scheduler.placement;

/** What one executor task needs of an offer, in Mesos units: cpus, and mem and disk in MiB. */
public record ResourceNeed(double cpus, double mem, double disk) {

    public ResourceNeed {
        if (cpus < 0 || mem < 0 || disk < 0) {
            throw new IllegalArgumentException("resource needs must be >= 0: " + cpus + " cpus, " + mem + " MiB mem, " + disk + " MiB disk");
        }
    }

    public ResourceNeed plus(ResourceNeed other) {
        return new ResourceNeed(cpus + other.cpus, mem + other.mem, disk + other.disk);
    }
}
