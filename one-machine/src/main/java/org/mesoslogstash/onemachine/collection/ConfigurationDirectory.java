package org.mesoslogstash.onemachine.collection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gathers the {@code <name>.conf} files of several directories (the examples, the user's) into the
 * one directory the scheduler seeds its configuration repository from. Two files of the same name
 * are an error naming both, never a silent choice of one. The scheduler validates their content.
 */
public final class ConfigurationDirectory {

    public static final String SUFFIX = ".conf";

    private ConfigurationDirectory() {
    }

    /**
     * Empties {@code target} of {@code .conf} files and copies every source's into it.
     *
     * @return the names of the configurations, in the order found
     * @throws IllegalArgumentException when two sources hold the same name, or none holds any
     */
    public static List<String> gather(List<Path> sources, Path target) throws IOException {
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path source : sources) {
            for (Path file : confFiles(source)) {
                String name = file.getFileName().toString();
                Path earlier = byName.putIfAbsent(name, file);
                if (earlier != null) {
                    throw new IllegalArgumentException("two configurations named " + name.substring(0, name.length() - SUFFIX.length())
                            + ": " + earlier + " and " + file + "; rename one, or leave out the examples with --no-examples");
                }
            }
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("no <name>" + SUFFIX + " configuration in " + sources);
        }
        Files.createDirectories(target);
        for (Path old : confFiles(target)) {
            Files.delete(old);
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Path> entry : byName.entrySet()) {
            Files.copy(entry.getValue(), target.resolve(entry.getKey()));
            names.add(entry.getKey().substring(0, entry.getKey().length() - SUFFIX.length()));
        }
        return names;
    }

    private static List<Path> confFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f)).sorted().toList();
        }
    }
}
