package org.mesoslogstash.scheduler.placement;

import org.apache.mesos.v1.Protos.Offer;

/**
 * One named condition an offer must meet to receive an executor. A rule is a pure function of the offer
 * and a snapshot of the cluster: no I/O, no clock of its own, so that every rule is tested directly.
 */
public interface OfferRule {

    /** A short name for logs and the UI, e.g. "one-executor-per-agent". */
    String name();

    Verdict judge(Offer offer, ClusterView cluster);
}
