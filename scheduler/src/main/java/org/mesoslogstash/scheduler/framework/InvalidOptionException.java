package org.mesoslogstash.scheduler.framework;

/** An option of {@link SchedulerProperties} has a value the scheduler cannot run with; the message names it. */
public final class InvalidOptionException extends IllegalArgumentException {

    public InvalidOptionException(String message) {
        super(message);
    }
}
