package org.mesoslogstash.scheduler.task;

import java.util.Map;

/**
 * The executor task id of every agent, kept beyond the scheduler process so that explicit
 * reconciliation after a restart knows which tasks to ask about. Failures are thrown as
 * {@link org.mesoslogstash.scheduler.framework.StateStoreException}, never answered as "no tasks".
 */
public interface TaskStore {

    /** Agent id to task id. */
    Map<String, String> load();

    void put(String agentId, String taskId);

    void remove(String agentId);
}
