package org.mesoslogstash.scheduler.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.scheduler.lifecycle.LogstashScheduler;
import org.mesoslogstash.scheduler.placement.ActivityLog.Activity;
import org.mesoslogstash.scheduler.placement.ActivityLog.Kind;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

class UiControllerTest {

    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    private final LogstashScheduler scheduler = mock(LogstashScheduler.class);
    private final UiController controller = new UiController(scheduler);

    @BeforeEach
    void activity() {
        when(scheduler.activity()).thenReturn(List.of(
                new Activity(T0, Kind.LIFECYCLE, "", "subscribed"),
                new Activity(T0.plusSeconds(1), Kind.OFFER_DECLINED, "a1", "host1: not enough cpus"),
                new Activity(T0.plusSeconds(2), Kind.OFFER_ACCEPTED, "a2", "host2: offer o2 accepted"),
                new Activity(T0.plusSeconds(3), Kind.OFFER_DECLINED, "a3", "host3: not enough mem")));
    }

    @Test
    void activityIsNewestFirst() {
        assertThat(controller.activity(null, 500)).extracting(Activity::agent).containsExactly("a3", "a2", "a1", "");
    }

    @Test
    void activityKeepsOneKindWrittenInAnyCase() {
        assertThat(controller.activity("Offer_Declined", 500)).extracting(Activity::agent).containsExactly("a3", "a1");
    }

    @Test
    void activityIsLimited() {
        assertThat(controller.activity("", 2)).extracting(Activity::agent).containsExactly("a3", "a2");
    }

    @Test
    void anUnknownKindIsRefusedNamingTheKindsThereAre() {
        assertThatThrownBy(() -> controller.activity("offers", 500)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown activity kind 'offers'").hasMessageContaining("offer_declined");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> controller.activity(null, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    void theSessionSaysWhetherTheUserIsAnOperator() {
        var operator = UsernamePasswordAuthenticationToken.authenticated("alice", null, AuthorityUtils.createAuthorityList("ROLE_OPERATOR", "ROLE_VIEWER"));
        var viewer = UsernamePasswordAuthenticationToken.authenticated("bob", null, AuthorityUtils.createAuthorityList("ROLE_VIEWER"));

        assertThat(controller.session(operator)).isEqualTo(new UiController.Session("alice", true));
        assertThat(controller.session(viewer)).isEqualTo(new UiController.Session("bob", false));
    }
}
