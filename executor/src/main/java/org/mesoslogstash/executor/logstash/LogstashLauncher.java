package org.mesoslogstash.executor.logstash;

/** Starts Logstash with the settings directory {@link LogstashFiles} wrote. */
@FunctionalInterface
public interface LogstashLauncher {

    /**
     * @throws LogstashException if Logstash cannot be started, with what the operator can do about it
     */
    LogstashProcess launch(LogstashSettings settings) throws LogstashException;
}
