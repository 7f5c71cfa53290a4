package org.mesoslogstash.executor.logstash;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/** Where the executor's Logstash is, for the task status an operator sees. */
public sealed interface LogstashStatus {

    /** A few words for operators (reports, messages, logs), e.g. {@code restarting, attempt 2 after: ...}. */
    default String describe() {
        return switch (this) {
            case Stopped s -> "stopped";
            case Starting s -> "starting";
            case Ready r -> "ready";
            case Reloading r -> "reloading";
            case Failed f -> "failed: " + f.reason();
            case Restarting r -> "restarting, attempt " + r.attempt() + " after: " + r.reason();
        };
    }

    /** Not started yet, or closed. */
    record Stopped() implements LogstashStatus {
    }

    /** The process is starting; its pipelines are not all running yet. */
    record Starting() implements LogstashStatus {
    }

    /** Every wanted pipeline runs. */
    record Ready(SortedSet<String> pipelines) implements LogstashStatus {
        public Ready {
            pipelines = Collections.unmodifiableSortedSet(new TreeSet<>(pipelines));
        }
    }

    /** Logstash was asked to reload these changes and has not shown all of them yet. */
    record Reloading(PipelineChanges changes) implements LogstashStatus {
        public Reloading {
            Objects.requireNonNull(changes, "changes");
        }
    }

    /**
     * Logstash is not doing what it was asked: {@code reason} says what and what to do. After a
     * rejected pipeline Logstash still runs the others; after a failed start it does not run.
     */
    record Failed(String reason) implements LogstashStatus {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Logstash died ({@code reason}) and is being started again, for the {@code attempt}th time in a row. */
    record Restarting(int attempt, String reason) implements LogstashStatus {
        public Restarting {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
