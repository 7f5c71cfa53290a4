package org.mesoslogstash.scheduler.lifecycle;

import org.mesoslogstash.mesos.http.MesosException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call to Mesos whose failure is survivable: Mesos resends, re-offers or the next reconciliation
 * repairs it. Its failure is logged as a warning and not thrown.
 */
final class SurvivableCall {

    // Under the scheduler's name, so that an operator's log levels for the scheduler still apply.
    private static final Logger LOG = LoggerFactory.getLogger(LogstashScheduler.class);

    private SurvivableCall() {
    }

    static void send(String what, Runnable call) {
        try {
            call.run();
        } catch (MesosException e) {
            LOG.warn("{} failed: {}", what, e.getMessage());
        }
    }
}
