package org.mesoslogstash.scheduler.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mesoslogstash.mesos.testsupport.FakeMesosMaster;
import org.mesoslogstash.report.ExecutorReport;
import org.mesoslogstash.scheduler.testsupport.Offers;
import org.mesoslogstash.scheduler.testsupport.RunningScheduler;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import com.google.protobuf.ByteString;

/**
 * The web UI in a real headless Chromium against the whole scheduler (a real ZooKeeper, the fake Mesos
 * master): an operator logs in, sees the agents, what their executors report and the scheduler's decisions, writes a configuration,
 * sees where it is broken as she types, fixes and saves it, changes it again, reads the diff between
 * the versions, rolls back and logs out; a viewer then reads the configuration without being offered to save. Each main page is saved as a PNG in target/screenshots/ for a person to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one scheduler and one browser for both tests: each start takes seconds
class WebUiBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String USER = "ui-operator";
    private static final String PASSWORD = "ui-secret";
    private static final String VIEWER = "ui-viewer";
    private static final String VIEWER_PASSWORD = "viewer-secret";

    private static final String BROKEN = """
            input {
              container {
                image =>
              }
            }
            """;
    private static final String FIXED = """
            input {
              container {
                image => "nginx"
                path  => "/var/log/nginx/access.log"
              }
            }
            output {
              stdout { }
            }
            """;

    private TestingServer zooKeeper;
    private FakeMesosMaster master;
    private RunningScheduler scheduler;
    private WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser tests need Chromium and its driver: " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        zooKeeper = new TestingServer(true);
        master = FakeMesosMaster.start();
        scheduler = RunningScheduler.start(master.uri(), zooKeeper.getConnectString(), "--mesos.logstash.framework-name=logs-ui",
                "--mesos.logstash.users=" + USER + ":operator:{noop}" + PASSWORD + "," + VIEWER + ":viewer:{noop}" + VIEWER_PASSWORD);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (master != null) {
            master.close();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    @Test
    void anOperatorWatchesTheClusterAndEditsAConfigurationInTheBrowser() throws Exception {
        // One agent gets an executor that runs; another offers too little and stays without one.
        await().atMost(WAIT).until(() -> master.frameworkId().isPresent()
                && scheduler.call(null, null, "GET", "/api/health", null, null).body().contains("\"reconciling\":false"));
        offer("o1", "agent-1", 4, 4096);
        offer("o2", "agent-2", 0.01, 16);
        await().atMost(WAIT).until(() -> master.acceptedCalls().stream().anyMatch(c -> c.getType() == Call.Type.ACCEPT));
        running(launchedOn("agent-1"), "agent-1");
        // Its executor reports two containers, one that no configuration matches, and two streams, one of them failing.
        report("agent-1", new ExecutorReport(Instant.now(), "host-agent-1", 1, List.of(
                new ExecutorReport.Container("c0ffee1234567890", "web-1", "nginx:1.27", 2),
                new ExecutorReport.Container("beef00001111aaaa", "cron", "busybox:1.36", 0)), List.of(
                new ExecutorReport.Stream("c0ffee1234567890", "/var/log/nginx/access.log", "RUNNING", 52_000, 400, 52_000, 12.5, null, 3_500_000),
                new ExecutorReport.Stream("c0ffee1234567890", "stderr", "RETRYING", -1, 3, 120, 0, "docker logs: connection refused", -1)),
                new ExecutorReport.Delivery(403, 401, 2, 1), null));

        logIn(USER, PASSWORD);
        await().atMost(WAIT).until(() -> text(By.id("user")).equals(USER + " (operator)"));

        // Dashboard: the agent without an executor is a problem, shown with the reason its offer was declined.
        open("dashboard");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(By.id("problems"))).contains("Agent without executor").contains("agent-2")
                    .contains("Stream error agent-1 c0ffee123456 stderr (retrying): docker logs: connection refused");
            assertThat(text(By.id("total-executors"))).startsWith("1");
            assertThat(text(By.id("total-lines"))).startsWith("12.5");
            assertThat(text(By.id("total-unacknowledged"))).startsWith("2");
            assertThat(browser.findElements(By.cssSelector("#streams-table tbody tr"))).extracting(WebElement::getText).containsExactly(
                    "agent-1 c0ffee123456 /var/log/nginx/access.log running 12.5 400 52,000 3.3 MiB",
                    "agent-1 c0ffee123456 stderr retrying 0 3 docker logs: connection refused");
        });
        screenshot("dashboard");

        // Agents: each agent's executor state.
        open("agents");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(By.id("agents-table"))).contains("agent-1").contains("running").contains("agent-2").contains("no executor")
                    .contains("2 streams, 12.5 lines/s").contains("401 of 403 events acknowledged, 1 failed sends");
            // Every container its discovery sees, the one no configuration matches too.
            assertThat(browser.findElements(By.cssSelector("#containers-table tbody tr"))).extracting(WebElement::getText).containsExactly(
                    "agent-1 web-1 nginx:1.27 c0ffee123456 2 streams",
                    "agent-1 cron busybox:1.36 beef00001111 matches no configuration");
        });
        screenshot("agents");

        // Activity: the accepted and the declined offer, with its reason.
        open("activity");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(By.id("activity-table"))).contains("offer accepted").contains("offer declined").contains("agent-2");
        });
        screenshot("activity");

        // Configurations: a new one, broken as typed, then fixed and saved.
        open("configurations");
        WebElement name = browser.findElement(By.id("new-config-name"));
        name.sendKeys("nginx");
        name.sendKeys(Keys.ENTER);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(text(By.id("editor-title"))).isEqualTo("nginx"));
        type(BROKEN);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(By.id("validation-problems"))).contains("line 4, column 3");
            assertThat(browser.findElements(By.cssSelector("#gutter .g-error"))).extracting(WebElement::getText).containsExactly("4");
            assertThat(browser.findElements(By.cssSelector("#highlight .mark-error"))).isNotEmpty();
        });
        screenshot("editor-validation-error");

        type(FIXED);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(By.id("validation"))).isEqualTo("valid");
            assertThat(browser.findElements(By.cssSelector("#gutter .g-error"))).isEmpty();
        });
        assertThat(browser.findElements(By.cssSelector("#highlight .tok-section"))).extracting(WebElement::getText).containsExactly("input", "output");
        browser.findElement(By.id("save-comment")).sendKeys("access log");
        browser.findElement(By.id("save")).click();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(text(By.id("save-result"))).startsWith("Saved as version 1"));

        // A second version, then the diff between the two.
        type(FIXED.replace("access.log", "error.log"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(text(By.id("validation"))).isEqualTo("valid"));
        browser.findElement(By.id("save")).click();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(By.id("save-result"))).startsWith("Saved as version 2");
            assertThat(browser.findElements(By.cssSelector("#versions-table tbody tr"))).hasSize(2);
        });
        assertThat(text(By.id("version-1"))).contains("created").contains(USER).contains("access log");
        browser.findElement(By.id("show-diff")).click();
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(By.id("diff"))).contains("@@");
            assertThat(browser.findElements(By.cssSelector("#diff .d-del"))).extracting(WebElement::getText)
                    .containsExactly("-    path  => \"/var/log/nginx/access.log\"");
            assertThat(browser.findElements(By.cssSelector("#diff .d-add"))).extracting(WebElement::getText)
                    .containsExactly("+    path  => \"/var/log/nginx/error.log\"");
        });
        screenshot("editor-history-diff");

        // Rollback to version 1, confirmed in the browser's dialog: version 3 has version 1's text.
        browser.findElement(By.cssSelector("#version-1 button")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            browser.switchTo().alert().accept();
            return true;
        });
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(By.id("save-result"))).isEqualTo("Rolled back: version 3 has the text of version 1.");
            assertThat(text(By.id("version-3"))).contains("rolled back to 1");
            assertThat(browser.findElement(By.id("config-text")).getDomProperty("value")).isEqualTo(FIXED);
        });

        // What the browser saved is what the API has.
        assertThat(scheduler.call(USER, PASSWORD, "GET", "/api/configurations/nginx", null, null).body()).contains("access.log")
                .contains("\"version\":3");

        // Logging out ends the session: the UI is behind the login page again.
        browser.findElement(By.id("logout")).click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/login"));
        browser.get(scheduler.uri("/").toString());
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/login"));

        // A viewer reads the configuration; saving is not offered.
        logIn(VIEWER, VIEWER_PASSWORD);
        browser.get(scheduler.uri("/#configurations/nginx").toString());
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(text(By.id("user"))).isEqualTo(VIEWER + " (viewer)");
            assertThat(text(By.id("editor-version"))).isEqualTo("version 3");
            assertThat(browser.findElement(By.id("save")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("new-config")).isDisplayed()).isFalse();
        });
    }

    @Test
    void theHighlighterMarksTheLogstashLanguageAndTheProblemsInTheBrowser() {
        String highlighter = scheduler.call(USER, PASSWORD, "GET", "/js/highlight.js", null, null).body();
        browser.get(scheduler.uri("/login").toString());
        String text = """
                filter {
                  if [kubernetes][app] =~ /^ng.nx$/ and "x" in [tags] {
                    grok { match => { "message" => "%{IP:client}" } tag_on_failure => [] }
                  } else if ![level] { drop { } } # quiet
                }
                """;
        String problems = "[{\"severity\":\"ERROR\",\"line\":3,\"column\":12,\"message\":\"m\"}]";

        String html = (String) ((JavascriptExecutor) browser).executeScript(highlighter
                + "; const box = document.createElement('div'); box.id = 'hl'; document.body.append(box);"
                + " box.innerHTML = LogstashHighlighter.render(arguments[0], JSON.parse(arguments[1])); return box.innerHTML;", text, problems);

        assertThat(classes("tok-section")).containsExactly("filter");
        assertThat(classes("tok-keyword")).containsExactly("if", "and", "in", "else", "if");
        assertThat(classes("tok-field")).containsExactly("[kubernetes][app]", "[tags]", "[level]");
        assertThat(classes("tok-regex")).containsExactly("/^ng.nx$/");
        assertThat(classes("tok-plugin")).containsExactly("grok", "drop");
        assertThat(classes("tok-setting")).containsExactly("match", "tag_on_failure");
        assertThat(classes("tok-string")).containsExactly("\"x\"", "\"message\"", "\"%{IP:client}\"");
        assertThat(classes("tok-comment")).containsExactly("# quiet");
        assertThat(classes("mark-error")).containsExactly("match");
        assertThat(browser.findElements(By.cssSelector("#hl .line"))).hasSize(text.split("\n", -1).length);
        assertThat(browser.findElements(By.cssSelector("#hl .line-error"))).singleElement()
                .satisfies(line -> assertThat(line.getDomProperty("textContent")).startsWith("    grok {"));
        assertThat(html.replaceAll("<[^>]+>", "").replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")).isEqualTo(text.replace("\n", ""));
    }

    private List<String> classes(String cls) {
        return browser.findElements(By.cssSelector("#hl ." + cls)).stream().map(e -> e.getDomProperty("textContent")).toList();
    }

    private void logIn(String user, String password) {
        browser.get(scheduler.uri("/").toString());
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(WAIT).until(() -> !browser.getCurrentUrl().contains("/login"));
    }

    private void open(String page) {
        browser.findElement(By.id("nav-" + page)).click();
        await().atMost(WAIT).until(() -> browser.findElement(By.id("page-" + page)).isDisplayed());
    }

    /** Replaces the editor's text by typing, as a person would (every key an input event). */
    private void type(String text) {
        WebElement area = browser.findElement(By.id("config-text"));
        area.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        area.sendKeys(text);
        await().atMost(WAIT).until(() -> area.getDomProperty("value").equals(text));
    }

    private String text(By by) {
        return browser.findElement(by).getText();
    }

    /** The whole page: the window grows to the page's height for the picture. */
    private void screenshot(String name) throws IOException {
        Dimension size = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.max(size.getHeight(), height + 150)));
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(size);
    }

    private void offer(String offerId, String agentId, double cpus, double mem) {
        Offer offer = Offers.builder(offerId, agentId, cpus, mem, 10_000).setFrameworkId(master.frameworkId().orElseThrow()).build();
        master.sendEvent(Event.newBuilder().setType(Event.Type.OFFERS).setOffers(Event.Offers.newBuilder().addOffers(offer)).build());
    }

    private String launchedOn(String agentId) {
        List<String> tasks = master.acceptedCalls().stream().filter(c -> c.getType() == Call.Type.ACCEPT)
                .map(c -> c.getAccept().getOperations(0).getLaunch().getTaskInfos(0))
                .filter(t -> t.getAgentId().getValue().equals(agentId)).map(t -> t.getTaskId().getValue()).toList();
        assertThat(tasks).hasSize(1);
        return tasks.getFirst();
    }

    private void report(String agentId, ExecutorReport report) {
        master.sendEvent(Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(Event.Message.newBuilder()
                .setAgentId(AgentID.newBuilder().setValue(agentId)).setExecutorId(ExecutorID.newBuilder().setValue("executor-" + agentId))
                .setData(ByteString.copyFrom(report.toJson()))).build());
    }

    private void running(String taskId, String agentId) {
        TaskStatus status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId)).setAgentId(AgentID.newBuilder().setValue(agentId))
                .setState(TaskState.TASK_RUNNING).setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(ByteString.copyFromUtf8(taskId + "running"))
                .build();
        master.sendEvent(Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(status)).build());
    }
}
