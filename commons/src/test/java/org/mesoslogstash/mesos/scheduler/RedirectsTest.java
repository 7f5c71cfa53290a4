package org.mesoslogstash.mesos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class RedirectsTest {

    private static final URI CURRENT = URI.create("https://m1:5050/api/v1/scheduler");

    @Test
    void schemeRelativeLocationAsMesosSendsItKeepsTheScheme() {
        assertThat(Redirects.resolve(CURRENT, "//m2:5050/api/v1/scheduler")).isEqualTo(URI.create("https://m2:5050/api/v1/scheduler"));
    }

    @Test
    void bareHostAndPortAsTheDocsShowKeepsSchemeAndPath() {
        assertThat(Redirects.resolve(CURRENT, "m2:5050")).isEqualTo(URI.create("https://m2:5050/api/v1/scheduler"));
    }

    @Test
    void absoluteLocationIsTakenAsIs() {
        assertThat(Redirects.resolve(CURRENT, "http://m3:5051/master/api/v1/scheduler"))
                .isEqualTo(URI.create("http://m3:5051/master/api/v1/scheduler"));
    }

    @Test
    void schemeRelativeLocationWithoutPathKeepsThePath() {
        assertThat(Redirects.resolve(CURRENT, "//m2:5050")).isEqualTo(URI.create("https://m2:5050/api/v1/scheduler"));
    }

    @Test
    void missingLocationIsAnError() {
        assertThatThrownBy(() -> Redirects.resolve(CURRENT, null)).hasMessageContaining("without a Location");
    }
}
