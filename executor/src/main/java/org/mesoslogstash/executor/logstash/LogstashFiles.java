package org.mesoslogstash.executor.logstash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files Logstash reads, under the work directory: {@code settings/logstash.yml},
 * {@code settings/pipelines.yml} (one entry per pipeline), {@code settings/jvm.options} and
 * {@code settings/log4j2.properties} (copied from {@code <home>/config}: with {@code --path.settings}
 * Logstash looks for them there), and {@code pipelines/<id>.conf}.
 *
 * <p>Every file is written atomically (temporary file, rename), so Logstash never reads half a
 * file; a file whose content is already right is not touched, so Logstash sees no change in a
 * pipeline that did not change. The rendering methods are pure and give the exact content.
 */
public final class LogstashFiles {

    private static final Logger log = LoggerFactory.getLogger(LogstashFiles.class);
    /** Logstash's own {@code pipeline.id} allows more; ours are also file names. */
    public static final Pattern PIPELINE_ID = Pattern.compile("[a-z0-9_-]+");
    static final String HEADER = "# Written by the mesos-logstash executor; changes made here are overwritten.\n";
    static final String CONF_SUFFIX = ".conf";
    static final Set<String> COPIED_FROM_HOME = Set.of("jvm.options", "log4j2.properties");

    private final LogstashSettings settings;

    public LogstashFiles(LogstashSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The content of {@code logstash.yml}: node settings only; pipeline settings are in pipelines.yml. */
    public String logstashYml() {
        return HEADER
                + "path.data: " + quote(settings.dataDir().toString()) + "\n"
                + "path.logs: " + quote(settings.logsDir().toString()) + "\n"
                + "api.enabled: true\n"
                + "api.http.host: " + quote(settings.apiHost()) + "\n"
                + "api.http.port: " + settings.apiPort() + "\n"
                // Reloads happen when the executor sends SIGHUP, after it has written every file.
                + "config.reload.automatic: false\n";
    }

    /** The content of {@code pipelines.yml}: the pipelines in id order, each with the pipeline settings. */
    public String pipelinesYml(Collection<String> ids) {
        StringBuilder yml = new StringBuilder(HEADER);
        for (String id : new TreeSet<>(ids)) {
            requireValidId(id);
            yml.append("- pipeline.id: ").append(quote(id)).append('\n')
                    .append("  path.config: ").append(quote(confFile(id).toString())).append('\n')
                    .append("  queue.type: ").append(quote(settings.queueType())).append('\n');
            if (settings.queueType().equals("persisted")) {
                yml.append("  queue.max_bytes: ").append(quote(settings.queueMaxBytes())).append('\n');
            }
            if (settings.pipelineWorkers() > 0) {
                yml.append("  pipeline.workers: ").append(settings.pipelineWorkers()).append('\n');
            }
            yml.append("  pipeline.batch.size: ").append(settings.batchSize()).append('\n');
        }
        return yml.toString();
    }

    /** Where pipeline {@code id}'s configuration is written. */
    public Path confFile(String id) {
        return settings.pipelinesDir().resolve(id + CONF_SUFFIX);
    }

    /**
     * Writes everything Logstash needs for {@code pipelines} (id to configuration text), removes
     * the files of pipelines no longer wanted, and tells what changed.
     *
     * @throws IllegalArgumentException if there is no pipeline (Logstash cannot run without one; close
     *                                  it instead), or naming a pipeline id that is not {@code [a-z0-9_-]+}
     * @throws UncheckedIOException     naming the file that could not be written
     */
    public PipelineChanges write(Map<String, String> pipelines) {
        validate(pipelines);
        SortedMap<String, String> wanted = new TreeMap<>(pipelines);
        try {
            Files.createDirectories(settings.settingsDir());
            Files.createDirectories(settings.pipelinesDir());
            Files.createDirectories(settings.dataDir());
            Files.createDirectories(settings.logsDir());
            for (String name : COPIED_FROM_HOME) {
                Path source = settings.home().resolve("config").resolve(name);
                if (Files.isRegularFile(source)) {
                    writeIfChanged(settings.settingsDir().resolve(name), Files.readAllBytes(source));
                }
            }
            writeIfChanged(settings.settingsDir().resolve("logstash.yml"), utf8(logstashYml()));

            TreeSet<String> added = new TreeSet<>();
            TreeSet<String> changed = new TreeSet<>();
            TreeSet<String> unchanged = new TreeSet<>();
            TreeSet<String> removed = new TreeSet<>(existingIds());
            removed.removeAll(wanted.keySet());
            for (Map.Entry<String, String> pipeline : wanted.entrySet()) {
                Path file = confFile(pipeline.getKey());
                boolean existed = Files.exists(file);
                boolean written = writeIfChanged(file, utf8(pipeline.getValue()));
                (!existed ? added : written ? changed : unchanged).add(pipeline.getKey());
            }
            // pipelines.yml before deleting removed files: Logstash must never list a missing file.
            writeIfChanged(settings.settingsDir().resolve("pipelines.yml"), utf8(pipelinesYml(wanted.keySet())));
            for (String id : removed) {
                Files.deleteIfExists(confFile(id));
            }
            PipelineChanges changes = new PipelineChanges(added, changed, removed, unchanged);
            if (!changes.isEmpty()) {
                log.info("Logstash pipeline files in {}: {}", settings.pipelinesDir(), changes);
            }
            return changes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Logstash's files under " + settings.workDir() + ": " + e.getMessage(), e);
        }
    }

    /** The pipeline ids with a file in {@code pipelines/}, as left by an earlier write. */
    public Set<String> existingIds() throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        if (!Files.isDirectory(settings.pipelinesDir())) {
            return ids;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(settings.pipelinesDir(), "*" + CONF_SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - CONF_SUFFIX.length());
                if (PIPELINE_ID.matcher(id).matches()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /**
     * @throws IllegalArgumentException if there is no pipeline, or naming an id that is not {@code [a-z0-9_-]+}
     *                                  or a pipeline without configuration
     */
    public static void validate(Map<String, String> pipelines) {
        if (pipelines.isEmpty()) {
            throw new IllegalArgumentException("Logstash needs at least one pipeline; close it when there is none to run");
        }
        pipelines.forEach((id, config) -> {
            requireValidId(id);
            if (config == null) {
                throw new IllegalArgumentException("pipeline '" + id + "' has no configuration");
            }
        });
    }

    static void requireValidId(String id) {
        if (id == null || !PIPELINE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("pipeline id '" + id + "' is not valid: ids are made of a-z, 0-9, '_' and '-'");
        }
    }

    /** Writes atomically unless the file already holds {@code content}; true if it wrote. */
    static boolean writeIfChanged(Path file, byte[] content) throws IOException {
        try {
            if (Arrays.equals(Files.readAllBytes(file), content)) {
                return false;
            }
        } catch (NoSuchFileException absent) {
            // written below
        }
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, content);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    /** A YAML double-quoted scalar. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
