package org.mesoslogstash.executor.logstash;

import java.util.Map;
import java.util.SortedMap;

/** The two questions the executor asks Logstash's monitoring API. */
public interface LogstashApi {

    /** {@code GET /_node/pipelines}: the pipelines Logstash runs, id to ephemeral id. */
    SortedMap<String, String> runningPipelines() throws LogstashApiException;

    /** {@code GET /_node/stats/pipelines}: every pipeline Logstash has figures for, by id. */
    Map<String, PipelineStats> pipelineStats() throws LogstashApiException;
}
