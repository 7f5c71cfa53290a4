package org.mesoslogstash.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.mesos.testsupport.FakeMesosMaster;
import org.mesoslogstash.scheduler.testsupport.RunningScheduler;

/** The access rules of the running scheduler: roles, logins, CSRF for browser sessions, open health checks. */
class SecurityIT {

    private static final String NGINX = """
            input { container { image => "nginx" path => "/var/log/nginx/access.log" } }
            output { stdout { } }
            """;

    private static TestingServer zooKeeper;
    private static FakeMesosMaster master;
    private static RunningScheduler scheduler;

    @BeforeAll
    static void start() throws Exception {
        zooKeeper = new TestingServer(true);
        master = FakeMesosMaster.start();
        scheduler = RunningScheduler.start(master.uri(), zooKeeper.getConnectString(), "--mesos.logstash.zk-path=/security-it",
                "--mesos.logstash.users=olga:operator:{noop}op-pw,victor:viewer:{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode("view-pw"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        master.close();
        zooKeeper.close();
    }

    @Test
    void withoutLoginAReadIs401WithABasicChallenge() {
        HttpResponse<String> response = scheduler.call(null, null, "GET", "/api/configurations", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"mesos-logstash\"");
        assertThat(response.body()).contains("\"error\":\"authentication required");
        assertThat(scheduler.call(null, null, "GET", "/api/audit", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theWebUisCallsGet401WithoutABasicChallengeSoTheBrowserShowsNoLoginDialog() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(scheduler.uri("/api/configurations"))
                .header("X-Requested-With", "XMLHttpRequest").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aWrongPasswordIs401() {
        assertThat(scheduler.call("olga", "wrong", "GET", "/api/configurations", null, null).statusCode()).isEqualTo(401);
        assertThat(scheduler.call("nobody", "op-pw", "GET", "/api/configurations", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void healthReadinessAndMetricsNeedNoLogin() {
        assertThat(scheduler.call(null, null, "GET", "/api/health", null, null).statusCode()).isIn(200, 503);
        assertThat(scheduler.call(null, null, "GET", "/api/ready", null, null).statusCode()).isNotIn(401, 403);
        assertThat(scheduler.call(null, null, "GET", "/metrics", null, null).statusCode()).isNotIn(401, 403);
    }

    @Test
    void aViewerReadsAndValidatesButMayNotChange() {
        assertThat(scheduler.call("victor", "view-pw", "GET", "/api/configurations", null, null).statusCode()).isEqualTo(200);
        assertThat(scheduler.call("victor", "view-pw", "POST", "/api/configurations/validate", "text/plain", NGINX).statusCode()).isEqualTo(200);

        HttpResponse<String> put = scheduler.call("victor", "view-pw", "PUT", "/api/configurations/viewer", "text/plain", NGINX);
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(put.body()).contains("needs the role operator").contains("\"problems\":[]");
        assertThat(scheduler.call("victor", "view-pw", "DELETE", "/api/configurations/viewer", null, null).statusCode()).isEqualTo(403);
        assertThat(scheduler.call("victor", "view-pw", "POST", "/api/teardown?confirm=yes", null, null).statusCode()).isEqualTo(403);
        assertThat(scheduler.call("victor", "view-pw", "GET", "/api/configurations/viewer", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void anOperatorChangesWithBasicAndNoCsrfTokenAndGetsNoSession() {
        HttpResponse<String> put = scheduler.call("olga", "op-pw", "PUT", "/api/configurations/operator", "text/plain", NGINX);

        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.body()).contains("\"author\":\"olga\"");
        assertThat(put.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
    }

    @Test
    void aBrowserPageWithoutLoginIsSentToTheLoginForm() {
        HttpResponse<String> response = scheduler.send(scheduler.request("GET", "/api/configurations", null, null).header("Accept", "text/html"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void aBrowserSessionNeedsTheCsrfTokenForChanges() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(scheduler.uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loginPage.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as("login page %s", loginPage.body()).isTrue();
        String form = "username=olga&password=op-pw&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(scheduler.uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        HttpResponse<String> read = browser.send(HttpRequest.newBuilder(scheduler.uri("/api/configurations")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);

        HttpResponse<String> withoutToken = browser.send(HttpRequest.newBuilder(scheduler.uri("/api/configurations/browser"))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(NGINX)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("CSRF");

        String token = xsrfCookie(cookies).orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie in " + cookies.getCookieStore().getCookies()));
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(scheduler.uri("/api/configurations/browser"))
                .header("Content-Type", "text/plain").header("X-XSRF-TOKEN", token).PUT(HttpRequest.BodyPublishers.ofString(NGINX)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(201);
        assertThat(withToken.body()).contains("\"author\":\"olga\"");
    }

    private static Optional<String> xsrfCookie(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue)
                .filter(v -> !v.isEmpty()).findFirst();
    }

    @Test
    void withoutUsersTheFirstStartLogsAGeneratedAdminPasswordOnceAndLaterStartsReuseIt() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(GeneratedAdmin.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            String password;
            try (RunningScheduler first = RunningScheduler.start(master.uri(), zooKeeper.getConnectString(), "--mesos.logstash.zk-path=/admin-it")) {
                var warnings = logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN).toList();
                assertThat(warnings).hasSize(1);
                password = (String) warnings.getFirst().getArgumentArray()[1];
                assertThat(first.call("admin", password, "PUT", "/api/configurations/by-admin", "text/plain", NGINX).statusCode()).isEqualTo(201);
            }
            logged.list.clear();

            try (RunningScheduler second = RunningScheduler.start(master.uri(), zooKeeper.getConnectString(), "--mesos.logstash.zk-path=/admin-it")) {
                assertThat(logged.list).noneMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN);
                assertThat(second.call("admin", password, "GET", "/api/configurations/by-admin", null, null).statusCode()).isEqualTo(200);
                assertThat(second.call("admin", "guess", "GET", "/api/configurations/by-admin", null, null).statusCode()).isEqualTo(401);
            }
        } finally {
            logger.detachAppender(logged);
        }
    }
}
