package org.mesoslogstash.scheduler.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mesoslogstash.scheduler.configuration.ConfigurationTexts.BROKEN;
import static org.mesoslogstash.scheduler.configuration.ConfigurationTexts.EXEC;
import static org.mesoslogstash.scheduler.configuration.ConfigurationTexts.NGINX;
import static org.mesoslogstash.scheduler.configuration.ConfigurationTexts.NGINX_V2;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.mesos.testsupport.FakeMesosMaster;
import org.mesoslogstash.scheduler.distribution.VersionedConfiguration;
import org.mesoslogstash.scheduler.testsupport.RunningScheduler;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The configuration API of the running scheduler application, against a real ZooKeeper and the fake master. */
class ConfigurationApiIT {

    static final String OPERATOR = "olga";
    static final String OPERATOR_PASSWORD = "op-secret";
    static final String VIEWER = "victor";
    static final String VIEWER_PASSWORD = "view-secret";
    /** Users option as an operator would give it. */
    static final String USERS = "--mesos.logstash.users=" + OPERATOR + ":operator:{noop}" + OPERATOR_PASSWORD + ","
            + VIEWER + ":viewer:{noop}" + VIEWER_PASSWORD;

    /** Who the versions name as their author. */
    static final String AUTHOR = OPERATOR;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestingServer zooKeeper;
    private static FakeMesosMaster master;
    private static RunningScheduler scheduler;

    @BeforeAll
    static void start() throws Exception {
        zooKeeper = new TestingServer(true);
        master = FakeMesosMaster.start();
        scheduler = RunningScheduler.start(master.uri(), zooKeeper.getConnectString(), USERS, "--mesos.logstash.zk-path=/api-it");
    }

    @AfterAll
    static void stop() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        master.close();
        zooKeeper.close();
    }

    private static HttpResponse<String> call(String method, String path) {
        return call(method, path, null, null);
    }

    private static HttpResponse<String> call(String method, String path, String contentType, String body) {
        return scheduler.call(OPERATOR, OPERATOR_PASSWORD, method, path, contentType, body);
    }

    private static HttpResponse<String> put(String name, String text) {
        return call("PUT", "/api/configurations/" + name, "text/plain", text);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void aPutCreatesTheConfigurationAndASecondOneUpdatesIt() {
        HttpResponse<String> created = put("web", NGINX);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("version").asLong()).isEqualTo(1);
        assertThat(json(created).get("change").asString()).isEqualTo("CREATED");
        assertThat(json(created).get("author").asString()).isEqualTo(AUTHOR);

        HttpResponse<String> updated = call("PUT", "/api/configurations/web", "application/json",
                JSON.createObjectNode().put("text", NGINX_V2).put("comment", "error log instead").toString());
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).get("version").asLong()).isEqualTo(2);
        assertThat(json(updated).get("comment").asString()).isEqualTo("error log instead");

        JsonNode current = json(call("GET", "/api/configurations/web"));
        assertThat(current.get("text").asString()).isEqualTo(NGINX_V2);
        assertThat(current.get("version").asLong()).isEqualTo(2);
        assertThat(current.get("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode listed = json(call("GET", "/api/configurations"));
        assertThat(listed.get("configurations").values()).anySatisfy(c -> {
            assertThat(c.get("name").asString()).isEqualTo("web");
            assertThat(c.get("version").asLong()).isEqualTo(2);
            assertThat(c.get("author").asString()).isEqualTo(AUTHOR);
            assertThat(c.get("warnings").isArray()).isTrue();
        });
        // and it is what the executors are sent next
        assertThat(scheduler.context().getBean(VersionedConfiguration.class).current().orElseThrow().configurations())
                .contains(new Configuration("web", NGINX_V2));
        assertThat(json(updated).get("collectorVersion").asLong())
                .isEqualTo(scheduler.context().getBean(VersionedConfiguration.class).current().orElseThrow().version());
    }

    @Test
    void theSameTextAgainIsAnswered200WithoutANewVersion() {
        put("same", NGINX);

        HttpResponse<String> again = put("same", NGINX);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("unchanged").asBoolean()).isTrue();
        assertThat(json(again).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void anInvalidConfigurationIs422WithEveryProblemAndItsPosition() {
        HttpResponse<String> refused = put("shell", EXEC);

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode error = json(refused);
        assertThat(error.get("error").asString()).contains("shell");
        assertThat(error.get("problems").values()).singleElement().satisfies(p -> {
            assertThat(p.get("severity").asString()).isEqualTo("ERROR");
            assertThat(p.get("line").asInt()).isEqualTo(2);
            assertThat(p.get("column").asInt()).isEqualTo(3);
            assertThat(p.get("message").asString()).contains("\"exec\"");
        });
        assertThat(call("GET", "/api/configurations/shell").statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/configurations/shell/versions").statusCode()).isEqualTo(404);
    }

    @Test
    void aSyntaxErrorIs422WithItsLineAndColumn() {
        HttpResponse<String> refused = put("broken", BROKEN);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("problems").values()).anySatisfy(p -> {
            assertThat(p.get("line").asInt()).isEqualTo(4);
            assertThat(p.get("column").asInt()).isEqualTo(3);
        });
    }

    @Test
    void aBadNameIs422() {
        HttpResponse<String> refused = put("Not_Lower", NGINX);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("problems").get(0).get("line").asInt()).isZero();
        assertThat(json(refused).get("problems").get(0).get("message").asString()).contains("Not_Lower");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = NGINX + "#" + "x".repeat(ConfigurationController.MAX_BODY_BYTES) + "\n";

        HttpResponse<String> refused = put("big", big);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(json(refused).get("error").asString()).contains("262144 bytes");
        assertThat(json(refused).get("problems").isArray()).isTrue();
        assertThat(call("GET", "/api/configurations/big").statusCode()).isEqualTo(404);
    }

    @Test
    void jsonWithoutTextIs400() {
        HttpResponse<String> refused = call("PUT", "/api/configurations/nojson", "application/json", "{\"comment\": \"x\"}");
        HttpResponse<String> notJson = call("PUT", "/api/configurations/nojson", "application/json", "{text:");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("error").asString()).contains("\"text\"");
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void aDeletionIsAVersionAndTheConfigurationIsGone() {
        put("gone", NGINX);

        HttpResponse<String> deleted = call("DELETE", "/api/configurations/gone?comment=retired");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).get("version").asLong()).isEqualTo(2);
        assertThat(json(deleted).get("change").asString()).isEqualTo("DELETED");
        HttpResponse<String> get = call("GET", "/api/configurations/gone");
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(json(get).get("error").asString()).isEqualTo("configuration gone was deleted in version 2");
        assertThat(json(call("GET", "/api/configurations")).get("configurations").values()).noneMatch(c -> c.get("name").asString().equals("gone"));
        assertThat(call("DELETE", "/api/configurations/gone").statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/configurations/never").statusCode()).isEqualTo(404);
    }

    @Test
    void theVersionsListTheHistoryAndEachHasItsText() {
        put("hist", NGINX);
        put("hist", NGINX_V2);

        JsonNode versions = json(call("GET", "/api/configurations/hist/versions"));
        assertThat(versions.values()).extracting(v -> v.get("version").asLong() + ":" + v.get("change").asString())
                .containsExactly("1:CREATED", "2:UPDATED");
        assertThat(versions.get(0).get("text").isNull()).isTrue();
        assertThat(json(call("GET", "/api/configurations/hist/versions/1")).get("text").asString()).isEqualTo(NGINX);
        HttpResponse<String> missing = call("GET", "/api/configurations/hist/versions/9");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asString()).isEqualTo("configuration hist has versions 1 to 2, not 9");
        assertThat(call("GET", "/api/configurations/hist/versions/x").statusCode()).isEqualTo(400);
    }

    @Test
    void theDiffIsUnified() {
        put("diffed", NGINX);
        put("diffed", NGINX_V2);

        HttpResponse<String> diff = call("GET", "/api/configurations/diffed/diff?from=1&to=2");

        assertThat(diff.statusCode()).isEqualTo(200);
        assertThat(diff.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(diff.body()).isEqualTo("""
                --- diffed version 1
                +++ diffed version 2
                @@ -1,7 +1,7 @@
                 input {
                   container {
                     image => "nginx"
                -    path  => "/var/log/nginx/access.log"
                +    path  => "/var/log/nginx/error.log"
                   }
                 }
                 output {
                """);
        assertThat(call("GET", "/api/configurations/diffed/diff?from=1").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/configurations/diffed/diff?from=1&to=5").statusCode()).isEqualTo(404);
    }

    @Test
    void aRollbackIsANewVersionWithTheOldText() {
        put("rolled", NGINX);
        put("rolled", NGINX_V2);

        HttpResponse<String> rolledBack = call("POST", "/api/configurations/rolled/rollback?to=1&comment=noisy");

        assertThat(rolledBack.statusCode()).isEqualTo(200);
        assertThat(json(rolledBack).get("version").asLong()).isEqualTo(3);
        assertThat(json(rolledBack).get("change").asString()).isEqualTo("ROLLED_BACK");
        assertThat(json(call("GET", "/api/configurations/rolled")).get("text").asString()).isEqualTo(NGINX);
        assertThat(json(call("GET", "/api/configurations/rolled/versions/3")).get("rolledBackTo").asLong()).isEqualTo(1);
        assertThat(call("POST", "/api/configurations/rolled/rollback?to=8").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/configurations/rolled/rollback").statusCode()).isEqualTo(400);
    }

    @Test
    void thePreviewIsThePipelineTheExecutorsRunAndTheRouter() {
        put("previewed", NGINX);

        HttpResponse<String> preview = call("GET", "/api/configurations/previewed/preview");

        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode body = json(preview);
        assertThat(body.get("pipelineId").asString()).isEqualTo("previewed");
        assertThat(body.get("pipeline").asString())
                .contains("pipeline {").contains("\"mesos-logstash-previewed\"").contains("stdout").doesNotContain("container {");
        assertThat(body.get("routerId").asString()).isEqualTo("mesos-logstash-router");
        assertThat(body.get("router").asString()).contains("beats {").contains("5044").contains("\"127.0.0.1\"")
                .contains("\"mesos-logstash-previewed\"");
        assertThat(call("GET", "/api/configurations/nothing/preview").statusCode()).isEqualTo(404);
    }

    @Test
    void validationStoresNothingAndListsEveryProblem() {
        HttpResponse<String> invalid = call("POST", "/api/configurations/validate?name=checked", "text/plain", EXEC);
        HttpResponse<String> valid = call("POST", "/api/configurations/validate", "application/json",
                JSON.createObjectNode().put("name", "checked").put("text", NGINX.replace("stdout", "stdoutt")).toString());

        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(json(invalid).get("valid").asBoolean()).isFalse();
        assertThat(json(invalid).get("problems").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(json(valid).get("valid").asBoolean()).isTrue();
        assertThat(json(valid).get("problems").values()).singleElement()
                .satisfies(p -> assertThat(p.get("severity").asString()).isEqualTo("WARNING"));
        assertThat(call("GET", "/api/configurations/checked").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/configurations/validate", "text/plain",
                "x".repeat(ConfigurationController.MAX_BODY_BYTES + 1)).statusCode()).isEqualTo(413);
    }

    @Test
    void theAuditTrailNamesWhoDidWhatNewestFirst() {
        put("audited", NGINX);
        put("audited", NGINX_V2);
        call("POST", "/api/configurations/audited/rollback?to=1");
        call("DELETE", "/api/configurations/audited");

        JsonNode audit = json(call("GET", "/api/audit"));

        List<String> entries = audit.values().stream().filter(e -> e.get("configuration").asString().equals("audited"))
                .map(e -> e.get("action").asString() + "@" + e.get("version").asLong() + " by " + e.get("author").asString()).toList();
        assertThat(entries).containsExactly("DELETED@4 by " + AUTHOR, "ROLLED_BACK@3 by " + AUTHOR, "UPDATED@2 by " + AUTHOR,
                "CREATED@1 by " + AUTHOR);
        assertThat(json(call("GET", "/api/audit?limit=1")).size()).isEqualTo(1);
        assertThat(call("GET", "/api/audit?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void editsSurviveARestartAndTheDirectoryOnlySeedsAnEmptyRepository(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("seeded.conf"), NGINX);
        String[] options = {USERS, "--mesos.logstash.zk-path=/restart-it", "--mesos.logstash.configurations=" + dir};
        try (RunningScheduler first = RunningScheduler.start(master.uri(), zooKeeper.getConnectString(), options)) {
            HttpResponse<String> seeded = first.call(OPERATOR, OPERATOR_PASSWORD, "GET", "/api/configurations/seeded", null, null);
            assertThat(json(seeded).get("author").asString()).isEqualTo("MESOS_LOGSTASH_CONFIGURATIONS");
            assertThat(first.call(OPERATOR, OPERATOR_PASSWORD, "PUT", "/api/configurations/seeded", "text/plain", NGINX_V2).statusCode())
                    .isEqualTo(200);
            assertThat(first.call(OPERATOR, OPERATOR_PASSWORD, "PUT", "/api/configurations/added", "text/plain", NGINX).statusCode())
                    .isEqualTo(201);
        }
        Files.writeString(dir.resolve("another.conf"), NGINX);

        try (RunningScheduler second = RunningScheduler.start(master.uri(), zooKeeper.getConnectString(), options)) {
            JsonNode listed = JSON.readTree(second.call(OPERATOR, OPERATOR_PASSWORD, "GET", "/api/configurations", null, null).body());
            assertThat(listed.get("configurations").values()).extracting(c -> c.get("name").asString() + "@" + c.get("version").asLong())
                    .containsExactly("added@1", "seeded@2");
            assertThat(second.context().getBean(VersionedConfiguration.class).current().orElseThrow().configurations())
                    .containsExactly(new Configuration("added", NGINX), new Configuration("seeded", NGINX_V2));
        }
    }

    @Test
    void theOpenApiDescriptionNamesEveryEndpointOfTheCode() {
        HttpResponse<String> response = call("GET", "/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json(response).get("paths");

        var mapping = scheduler.context().getBean("requestMappingHandlerMapping",
                org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping.class);
        List<String> endpoints = mapping.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getValue().getBeanType().getPackageName().startsWith("org.mesoslogstash"))
                .flatMap(e -> e.getKey().getPathPatternsCondition().getPatternValues().stream()
                        .flatMap(path -> e.getKey().getMethodsCondition().getMethods().stream().map(m -> m.name().toLowerCase() + " " + path)))
                .toList();
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(16).contains("put /api/configurations/{name}", "get /metrics");
        assertThat(endpoints).allSatisfy(endpoint -> {
            String[] methodAndPath = endpoint.split(" ");
            assertThat(paths.has(methodAndPath[1])).as("path of %s in openapi.json", endpoint).isTrue();
            assertThat(paths.get(methodAndPath[1]).has(methodAndPath[0])).as("%s in openapi.json", endpoint).isTrue();
        });
    }

    @Test
    void readinessAndMetricsFollowTheScheduler() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> scheduler.call(null, null, "GET", "/api/ready", null, null).statusCode() == 200);
        assertThat(scheduler.call(null, null, "GET", "/api/ready", null, null).body()).contains("\"ready\":true");
        String before = scheduler.call(null, null, "GET", "/metrics", null, null).body();
        put("metered", NGINX);
        put("metered", EXEC);

        HttpResponse<String> metrics = scheduler.call(null, null, "GET", "/metrics", null, null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain;version=0.0.4");
        assertThat(metrics.body()).contains("# TYPE mesos_logstash_subscribed gauge\nmesos_logstash_subscribed 1\n")
                .contains("mesos_logstash_executors{state=\"pending\"} 0\n")
                .contains("mesos_logstash_collector_assignment_version " + scheduler.context().getBean(VersionedConfiguration.class)
                        .current().orElseThrow().version() + "\n");
        assertThat(sample(metrics.body(), "mesos_logstash_configuration_versions")).isEqualTo(sample(before, "mesos_logstash_configuration_versions") + 1);
        assertThat(sample(metrics.body(), "mesos_logstash_configuration_changes_refused_total"))
                .isEqualTo(sample(before, "mesos_logstash_configuration_changes_refused_total") + 1);
    }

    private static long sample(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).map(l -> Long.parseLong(l.substring(name.length() + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing in " + metrics));
    }
}
