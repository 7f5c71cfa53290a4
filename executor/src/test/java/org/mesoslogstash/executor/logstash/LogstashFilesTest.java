package org.mesoslogstash.executor.logstash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogstashFilesTest {

    @TempDir
    Path dir;
    private LogstashSettings settings;
    private LogstashFiles files;

    @BeforeEach
    void setUp() throws IOException {
        Path home = StandInLogstashHome.create(dir);
        settings = LogstashSettings.defaults(dir.resolve("work")).withHome(home).withApiPort(9700);
        files = new LogstashFiles(settings);
    }

    @Test
    void pipelinesYmlListsEveryPipelineInIdOrderWithItsFileAndThePipelineSettings() {
        String work = dir.resolve("work").toString();
        assertThat(files.pipelinesYml(List.of("web", "app-2"))).isEqualTo("""
                # Written by the mesos-logstash executor; changes made here are overwritten.
                - pipeline.id: "app-2"
                  path.config: "%1$s/pipelines/app-2.conf"
                  queue.type: "persisted"
                  queue.max_bytes: "1gb"
                  pipeline.batch.size: 125
                - pipeline.id: "web"
                  path.config: "%1$s/pipelines/web.conf"
                  queue.type: "persisted"
                  queue.max_bytes: "1gb"
                  pipeline.batch.size: 125
                """.formatted(work));
    }

    @Test
    void memoryQueueAndExplicitWorkersAreWrittenPerPipeline() {
        LogstashSettings memory = new LogstashSettings(settings.home(), settings.workDir(), "127.0.0.1", 9600, "512m",
                "memory", "1gb", 3, 250, settings.startupTimeout(), settings.reloadTimeout(), settings.pollInterval(),
                settings.restartBackoff());
        assertThat(new LogstashFiles(memory).pipelinesYml(List.of("a"))).isEqualTo("""
                # Written by the mesos-logstash executor; changes made here are overwritten.
                - pipeline.id: "a"
                  path.config: "%s/pipelines/a.conf"
                  queue.type: "memory"
                  pipeline.workers: 3
                  pipeline.batch.size: 250
                """.formatted(dir.resolve("work")));
    }

    @Test
    void logstashYmlSetsDataLogsApiAndLeavesReloadsToSighup() {
        String work = dir.resolve("work").toString();
        assertThat(files.logstashYml()).isEqualTo("""
                # Written by the mesos-logstash executor; changes made here are overwritten.
                path.data: "%1$s/data"
                path.logs: "%1$s/logs"
                api.enabled: true
                api.http.host: "127.0.0.1"
                api.http.port: 9700
                config.reload.automatic: false
                """.formatted(work));
    }

    @Test
    void writeCreatesSettingsPipelineFilesAndCopiesJvmOptionsAndLog4jFromHome() throws IOException {
        PipelineChanges changes = files.write(Map.of("a", "input { stdin {} }", "b", "input { generator {} }"));

        assertThat(changes.added()).containsExactly("a", "b");
        Path settingsDir = settings.settingsDir();
        assertThat(Files.readString(settingsDir.resolve("logstash.yml"))).isEqualTo(files.logstashYml());
        assertThat(Files.readString(settingsDir.resolve("pipelines.yml"))).isEqualTo(files.pipelinesYml(List.of("a", "b")));
        assertThat(Files.readString(settingsDir.resolve("jvm.options")))
                .isEqualTo(Files.readString(settings.home().resolve("config/jvm.options")));
        assertThat(Files.readString(settingsDir.resolve("log4j2.properties")))
                .isEqualTo(Files.readString(settings.home().resolve("config/log4j2.properties")));
        assertThat(Files.readString(settings.pipelinesDir().resolve("a.conf"))).isEqualTo("input { stdin {} }");
        assertThat(settings.dataDir()).isDirectory();
        assertThat(settings.logsDir()).isDirectory();
    }

    @Test
    void secondWriteReportsAddedChangedRemovedAndUnchanged() {
        files.write(Map.of("keep", "k", "edit", "e1", "drop", "d"));

        PipelineChanges changes = files.write(Map.of("keep", "k", "edit", "e2", "new", "n"));

        assertThat(changes.added()).containsExactly("new");
        assertThat(changes.changed()).containsExactly("edit");
        assertThat(changes.removed()).containsExactly("drop");
        assertThat(changes.unchanged()).containsExactly("keep");
        assertThat(settings.pipelinesDir().resolve("drop.conf")).doesNotExist();
        assertThat(settings.pipelinesDir().resolve("edit.conf")).hasContent("e2");
    }

    @Test
    void anUnchangedPipelineFileIsNotRewritten() throws IOException {
        files.write(Map.of("keep", "k", "edit", "e1"));
        Path keep = settings.pipelinesDir().resolve("keep.conf");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(keep, old);

        files.write(Map.of("keep", "k", "edit", "e2"));

        assertThat(Files.getLastModifiedTime(keep)).isEqualTo(old);
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws IOException {
        files.write(Map.of("a", "x"));
        files.write(Map.of("a", "y"));

        try (var paths = Files.walk(settings.workDir())) {
            assertThat(paths.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void anInvalidPipelineIdIsRefusedWithTheIdNamed() {
        assertThatThrownBy(() -> files.write(Map.of("../etc", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../etc'");
        assertThatThrownBy(() -> files.write(Map.of("Web", "x"))).hasMessageContaining("'Web'");
    }

    @Test
    void noPipelinesIsRefused() {
        assertThatThrownBy(() -> files.write(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one pipeline");
    }

    @Test
    void quotingEscapesQuotesAndBackslashes() {
        assertThat(LogstashFiles.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }
}
