package org.mesoslogstash.executor.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mesoslogstash.executor.discovery.ContainerInfo;

class ContainerSelectorTest {

    private static ContainerInfo container(String image, Map<String, String> labels, Map<String, String> env) {
        return new ContainerInfo("c0ffee", "web-1", image, labels, env);
    }

    private static ContainerInfo image(String image) {
        return container(image, Map.of(), Map.of());
    }

    private static ContainerSelector images(String... patterns) {
        return new ContainerSelector(List.of(patterns), null, null, null);
    }

    @Nested
    class ImageNames {

        @ParameterizedTest(name = "{0} matches {1}")
        @CsvSource({
                "nginx, nginx",
                "nginx, nginx:1.27",
                "nginx, nginx:latest",
                "nginx, library/nginx",
                "nginx, docker.io/library/nginx:latest",
                "nginx, docker.io/nginx",
                "nginx, index.docker.io/library/nginx:1.27",
                "nginx, nginx@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4",
                "nginx, nginx:1.27@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4",
                "docker.io/library/nginx, nginx:1.27",
                "library/nginx, nginx",
                "nginx:latest, nginx",
                "nginx:latest, docker.io/library/nginx:latest",
                "nginx:1.27, nginx:1.27",
                "nginx:1.27, nginx:1.27@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4",
                "mycorp/app, mycorp/app:2",
                "registry:5000/nginx, registry:5000/nginx:1.27",
                "registry.mycorp.com/team/app, registry.mycorp.com/team/app",
                "REGISTRY.mycorp.com/team/app, registry.mycorp.com/team/app",
                "localhost/app, localhost/app:dev",
                "localhost:5000/app, localhost:5000/app",
                "nginx@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4, nginx@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4",
                "nginx@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4, nginx:1.27@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4",
                "6a2a91ffa327, 6a2a91ffa327",
        })
        void matches(String pattern, String image) {
            assertThat(images(pattern).matches(image(image))).isTrue();
        }

        @ParameterizedTest(name = "{0} does not match {1}")
        @CsvSource({
                "nginx, nginx-proxy",
                "nginx, mynginx",
                "nginx, bitnami/nginx",
                "nginx, registry:5000/nginx",
                "nginx, quay.io/nginx",
                "nginx:1.27, nginx",
                "nginx:1.27, nginx:1.27.1",
                "nginx:latest, nginx:1.27",
                "nginx:latest, nginx@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4",
                "nginx@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4, nginx:1.27",
                "nginx@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4, nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000",
                "mycorp/app, mycorp/app-worker",
                "mycorp/app, registry.mycorp.com/mycorp/app",
                "registry:5000/nginx, nginx",
                "registry:5000/nginx, registry:5001/nginx",
                "library/nginx, mycorp/nginx",
        })
        void doesNotMatch(String pattern, String image) {
            assertThat(images(pattern).matches(image(image))).isFalse();
        }
    }

    @Nested
    class ImageGlobs {

        @ParameterizedTest(name = "{0} matches {1}")
        @CsvSource({
                "mycorp/*, mycorp/app",
                "mycorp/*, mycorp/app:2",
                "mycorp/*, mycorp/team/app",
                "nginx:1.*, nginx:1.27",
                "nginx:1.*, nginx:1.27-alpine",
                "nginx:1.2?, nginx:1.27",
                "ngin?, nginx",
                "ngi*, nginx:1.27",
                "*, nginx",
                "*, registry:5000/mycorp/app:2",
                "*, quay.io/prometheus/node-exporter@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4",
                "*:latest, registry:5000/app",
                "*:latest, nginx:latest",
                "*.mycorp.com/app, registry.mycorp.com/app",
                "registry:*/app, registry:5000/app",
                "registry:5000/*, registry:5000/team/app:1",
                "*/app, mycorp/app",
                "nginx@sha256:4b1d*, nginx@sha256:4b1d0c8e3f0f7c2b55cb3b2f0a6b91d3c4ef2bb8a7e9f3c2d1b0a9f8e7d6c5b4",
        })
        void matches(String pattern, String image) {
            assertThat(images(pattern).matches(image(image))).isTrue();
        }

        @ParameterizedTest(name = "{0} does not match {1}")
        @CsvSource({
                "mycorp/*, mycorp",
                "mycorp/*, othercorp/app",
                "mycorp/*, registry:5000/mycorp/app",
                "nginx:1.*, nginx:2.0",
                "nginx:1.*, nginx",
                "nginx:1.2?, nginx:1.2",
                "ngin?, nginx-proxy",
                "*:latest, nginx:1.27",
                "*.mycorp.com/app, registry.other.com/app",
                "*/app, registry:5000/mycorp/app",
                "ngi*, mycorp/nginx",
        })
        void doesNotMatch(String pattern, String image) {
            assertThat(images(pattern).matches(image(image))).isFalse();
        }

        @Test
        void anyOfSeveralPatternsIsEnough() {
            ContainerSelector selector = images("nginx", "mycorp/*");

            assertThat(selector.matches(image("nginx:1.27"))).isTrue();
            assertThat(selector.matches(image("mycorp/app"))).isTrue();
            assertThat(selector.matches(image("redis"))).isFalse();
        }
    }

    @Nested
    class InvalidImagePatterns {

        @ParameterizedTest(name = "''{0}'' is rejected")
        @ValueSource(strings = {"", "nginx latest", "nginx:", "nginx@", "nginx@sha256", "nginx@sha256:xyz",
                "/nginx", "mycorp//app", "mycorp/", "Nginx", "mycorp/App", "nginx:1.27!", "ngi$nx",
                "nginx@sha256:ab@sha256:cd", ":latest", "registry_x:5000/app", "registry:50a0/app"})
        void isRejectedNamingThePattern(String pattern) {
            assertThatThrownBy(() -> images(pattern))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid image pattern '" + pattern + "'");
        }

        @Test
        void nullPatternIsAProgrammerError() {
            List<String> patterns = new java.util.ArrayList<>();
            patterns.add(null);
            assertThatThrownBy(() -> new ContainerSelector(patterns, null, null, null))
                    .isInstanceOf(NullPointerException.class);
        }

        @Test
        void reasonIsGiven() {
            assertThatThrownBy(() -> images("mycorp//app")).hasMessageContaining("empty path component");
            assertThatThrownBy(() -> images("Nginx")).hasMessageContaining("lower-case");
            assertThatThrownBy(() -> images("")).hasMessageContaining("empty");
        }
    }

    @Nested
    class Labels {

        private final ContainerSelector team = new ContainerSelector(null, Map.of("team", "payments"), null, null);

        @Test
        void exactValueMatches() {
            assertThat(team.matches(container("app", Map.of("team", "payments", "tier", "web"), Map.of()))).isTrue();
        }

        @Test
        void otherValueDoesNotMatch() {
            assertThat(team.matches(container("app", Map.of("team", "payments-eu"), Map.of()))).isFalse();
        }

        @Test
        void missingLabelDoesNotMatch() {
            assertThat(team.matches(container("app", Map.of("tier", "web"), Map.of()))).isFalse();
        }

        @Test
        void valueGlobMatches() {
            ContainerSelector selector = new ContainerSelector(null, Map.of("team", "pay*"), null, null);

            assertThat(selector.matches(container("app", Map.of("team", "payments-eu"), Map.of()))).isTrue();
            assertThat(selector.matches(container("app", Map.of("team", "search"), Map.of()))).isFalse();
        }

        @Test
        void starMatchesAnyValueButRequiresTheLabel() {
            ContainerSelector selector = new ContainerSelector(null, Map.of("logs", "*"), null, null);

            assertThat(selector.matches(container("app", Map.of("logs", ""), Map.of()))).isTrue();
            assertThat(selector.matches(container("app", Map.of(), Map.of()))).isFalse();
        }

        @Test
        void allLabelsMustMatch() {
            ContainerSelector selector = new ContainerSelector(null, Map.of("team", "payments", "tier", "web"), null, null);

            assertThat(selector.matches(container("app", Map.of("team", "payments", "tier", "web"), Map.of()))).isTrue();
            assertThat(selector.matches(container("app", Map.of("team", "payments", "tier", "db"), Map.of()))).isFalse();
        }

        @Test
        void emptyLabelNameIsRejected() {
            assertThatThrownBy(() -> new ContainerSelector(null, Map.of(" ", "x"), null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("label name is empty");
        }

        @Test
        void missingValuePatternIsRejectedNamingTheLabel() {
            Map<String, String> labels = new HashMap<>();
            labels.put("team", null);
            assertThatThrownBy(() -> new ContainerSelector(null, labels, null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'team'");
        }
    }

    @Nested
    class MarathonAndMesos {

        private ContainerInfo task(String appId, String taskId) {
            Map<String, String> env = new HashMap<>();
            if (appId != null) {
                env.put("MARATHON_APP_ID", appId);
            }
            if (taskId != null) {
                env.put("MESOS_TASK_ID", taskId);
            }
            return container("app", Map.of(), env);
        }

        @Test
        void exactAppIdMatches() {
            ContainerSelector selector = new ContainerSelector(null, null, "/shop/web", null);

            assertThat(selector.matches(task("/shop/web", null))).isTrue();
            assertThat(selector.matches(task("/shop/web-canary", null))).isFalse();
        }

        @Test
        void leadingSlashIsOptionalOnEitherSide() {
            assertThat(new ContainerSelector(null, null, "shop/web", null).matches(task("/shop/web", null))).isTrue();
            assertThat(new ContainerSelector(null, null, "/shop/web", null).matches(task("shop/web", null))).isTrue();
        }

        @Test
        void appIdGlobMatchesAGroup() {
            ContainerSelector selector = new ContainerSelector(null, null, "/shop/*", null);

            assertThat(selector.matches(task("/shop/web", null))).isTrue();
            assertThat(selector.matches(task("/shop/backend/db", null))).isTrue();
            assertThat(selector.matches(task("/search/web", null))).isFalse();
        }

        @Test
        void containerWithoutAppIdDoesNotMatchAnAppIdCriterion() {
            assertThat(new ContainerSelector(null, null, "*", null).matches(task(null, "t1"))).isFalse();
        }

        @Test
        void taskIdGlobMatches() {
            ContainerSelector selector = new ContainerSelector(null, null, null, "shop_web.*");

            assertThat(selector.matches(task(null, "shop_web.6e1b1b9c-1d1f-11ef-9c7a-0242ac110002"))).isTrue();
            assertThat(selector.matches(task(null, "shop_db.6e1b1b9c"))).isFalse();
            assertThat(selector.matches(task(null, null))).isFalse();
        }

        @Test
        void blankIdsAreRejectedNamingTheCriterion() {
            assertThatThrownBy(() -> new ContainerSelector(null, null, "", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("marathon app id");
            assertThatThrownBy(() -> new ContainerSelector(null, null, null, "a b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mesos task id pattern 'a b'");
        }
    }

    @Nested
    class Combination {

        private final ContainerSelector selector =
                new ContainerSelector(List.of("mycorp/*"), Map.of("team", "payments"), "/shop/*", "shop*");

        private final ContainerInfo matching = container("mycorp/web:3", Map.of("team", "payments"),
                Map.of("MARATHON_APP_ID", "/shop/web", "MESOS_TASK_ID", "shop_web.1"));

        @Test
        void allCriteriaHolding() {
            assertThat(selector.matches(matching)).isTrue();
        }

        @Test
        void imageFailing() {
            assertThat(selector.matches(new ContainerInfo("c", "n", "nginx", matching.labels(), matching.env()))).isFalse();
        }

        @Test
        void labelFailing() {
            assertThat(selector.matches(new ContainerInfo("c", "n", matching.image(), Map.of("team", "x"), matching.env()))).isFalse();
        }

        @Test
        void appIdFailing() {
            assertThat(selector.matches(new ContainerInfo("c", "n", matching.image(), matching.labels(),
                    Map.of("MARATHON_APP_ID", "/other", "MESOS_TASK_ID", "shop_web.1")))).isFalse();
        }

        @Test
        void taskIdFailing() {
            assertThat(selector.matches(new ContainerInfo("c", "n", matching.image(), matching.labels(),
                    Map.of("MARATHON_APP_ID", "/shop/web", "MESOS_TASK_ID", "other.1")))).isFalse();
        }

        @Test
        void anySelectsEverything() {
            assertThat(ContainerSelector.ANY.matches(matching)).isTrue();
            assertThat(ContainerSelector.ANY.matches(image("registry:5000/x@sha256:ab"))).isTrue();
        }

        @Test
        void emptyCriteriaDoNotRestrict() {
            assertThat(new ContainerSelector(List.of(), Map.of(), null, null).matches(image("redis"))).isTrue();
        }
    }
}
