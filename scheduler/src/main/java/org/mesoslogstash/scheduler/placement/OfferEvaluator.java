package org.mesoslogstash.scheduler.placement;

import java.util.ArrayList;
import java.util.List;

import org.apache.mesos.v1.Protos.Offer;

/**
 * Judges an offer by every rule and collects all reasons to decline, not only the first, so that an
 * operator sees at once everything that keeps an agent without an executor.
 */
public final class OfferEvaluator {

    /** The outcome for one offer: accepted when no rule declined. Reasons read "rule: reason". */
    public record Decision(Offer offer, List<String> reasons) {

        public Decision {
            reasons = List.copyOf(reasons);
        }

        public boolean accepted() {
            return reasons.isEmpty();
        }
    }

    private final List<OfferRule> rules;

    public OfferEvaluator(List<OfferRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public Decision evaluate(Offer offer, ClusterView cluster) {
        List<String> reasons = new ArrayList<>();
        for (OfferRule rule : rules) {
            rule.judge(offer, cluster).declineReason().ifPresent(reason -> reasons.add(reason));
        }
        return new Decision(offer, reasons);
    }

    public List<OfferRule> rules() {
        return rules;
    }
}
