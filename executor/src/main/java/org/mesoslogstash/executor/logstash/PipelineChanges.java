package org.mesoslogstash.executor.logstash;

import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What writing a set of pipelines changed on disk, by pipeline id. Logstash reloads exactly the
 * added and changed ones, stops the removed ones and leaves the unchanged ones running.
 */
public record PipelineChanges(SortedSet<String> added, SortedSet<String> changed, SortedSet<String> removed,
                              SortedSet<String> unchanged) {

    public PipelineChanges {
        added = unmodifiable(added);
        changed = unmodifiable(changed);
        removed = unmodifiable(removed);
        unchanged = unmodifiable(unchanged);
    }

    private static SortedSet<String> unmodifiable(Set<String> ids) {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(ids, "ids")));
    }

    /** Added or changed: the pipelines Logstash has to (re)create. */
    public SortedSet<String> toLoad() {
        TreeSet<String> ids = new TreeSet<>(added);
        ids.addAll(changed);
        return java.util.Collections.unmodifiableSortedSet(ids);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    @Override
    public String toString() {
        return "added " + added + ", changed " + changed + ", removed " + removed + ", unchanged " + unchanged;
    }
}
