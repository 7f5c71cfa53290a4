package org.mesoslogstash.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.scheduler.testsupport.Offers;

class OfferRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final ClusterView EMPTY = new ClusterView(false, Set.of(), Map.of(), NOW);
    private static final ResourceNeed NEED = new ResourceNeed(1, 512, 100);

    private final OfferEvaluator evaluator = new OfferEvaluator(OfferRules.standard(NEED, "logging", List.of(Constraint.parse("rack:r1"))));

    private static Offer inRack(Offer offer, String rack) {
        return Offers.withAttribute(offer, "rack", rack);
    }

    @Test
    void aFittingOfferFromAFreeAgentIsAccepted() {
        assertThat(evaluator.evaluate(inRack(Offers.offer("o", "a1", 1, 512, 100), "r1"), EMPTY).accepted()).isTrue();
    }

    @Test
    void everyReasonToDeclineIsCollectedInRuleOrder() {
        ClusterView view = new ClusterView(true, Set.of("a1"), Map.of("a1", NOW.plusSeconds(5)), NOW);

        OfferEvaluator.Decision decision = evaluator.evaluate(inRack(Offers.offer("o", "a1", 0.5, 256, 100), "r2"), view);

        assertThat(decision.reasons()).containsExactly(
                "reconciliation in progress",
                "agent already has an executor",
                "relaunch backoff until 2026-01-01T00:00:05Z",
                "not enough cpus: offered 0.50, need 1; not enough mem: offered 256 MiB, need 512 MiB",
                "agent attribute rack=r2 does not match constraint rack:r1");
    }

    @Test
    void anAgentWithoutTheConstrainedAttributeIsDeclinedSayingSo() {
        assertThat(evaluator.evaluate(Offers.offer("o", "a1", 1, 512, 100), EMPTY).reasons())
                .containsExactly("agent has no attribute rack (constraint rack:r1)");
    }

    @Test
    void aPassedBackoffNoLongerDeclines() {
        ClusterView view = new ClusterView(false, Set.of(), Map.of("a1", NOW), NOW);

        assertThat(evaluator.evaluate(inRack(Offers.offer("o", "a1", 1, 512, 100), "r1"), view).accepted()).isTrue();
    }

    @Test
    @SuppressWarnings("deprecation") // Resource.role: see OfferResources
    void resourcesReservedForAnotherRoleDoNotCount() {
        Resource otherRole = Offers.scalar("mem", 4096).toBuilder().setRole("other").build();
        Resource ownRole = Offers.scalar("mem", 256).toBuilder().setRole("logging").build();
        Offer offer = inRack(Offers.offer("o", "a1", 1, 256, 100), "r1").toBuilder().addResources(otherRole).addResources(ownRole).build();

        assertThat(OfferResources.available(offer, "mem", "logging")).isEqualTo(512);
        assertThat(evaluator.evaluate(offer, EMPTY).accepted()).isTrue();
        assertThat(OfferResources.take(offer, "mem", 300, "logging")).extracting(r -> r.getRole() + "=" + r.getScalar().getValue())
                .containsExactly("logging=256.0", "*=44.0");
    }

    @Test
    void theActivityLogKeepsOnlyTheNewestEntries() {
        ActivityLog log = new ActivityLog(2);
        for (int i = 0; i < 3; i++) {
            log.add(new ActivityLog.Activity(NOW, ActivityLog.Kind.OFFER_DECLINED, "a" + i, "reason " + i));
        }

        assertThat(log.recent()).extracting(ActivityLog.Activity::agent).containsExactly("a1", "a2");
    }
}
