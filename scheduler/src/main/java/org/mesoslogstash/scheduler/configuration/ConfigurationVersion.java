package org.mesoslogstash.scheduler.configuration;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of one configuration, as stored: the whole text (empty for a deletion), who made it,
 * when, why (an optional comment) and what kind of change it was. Versions of a configuration are
 * numbered 1, 2, 3... and never reused; a deletion is a version too, so the history survives it.
 *
 * @param rolledBackTo for {@link Change#ROLLED_BACK}, the version whose text this one restored; 0 otherwise
 * @param comment      the author's comment, or null
 */
public record ConfigurationVersion(String name, long version, Change change, String text, String author, Instant time,
        String comment, long rolledBackTo) {

    /** What a version did to its configuration. */
    public enum Change { CREATED, UPDATED, DELETED, ROLLED_BACK }

    public ConfigurationVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(time, "time");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1: " + version);
        }
    }

    public boolean deleted() {
        return change == Change.DELETED;
    }
}
