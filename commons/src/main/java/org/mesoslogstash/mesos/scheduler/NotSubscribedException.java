package org.mesoslogstash.mesos.scheduler;

/**
 * A call was attempted while the client holds no subscription. Mesos would answer 403; the client
 * does not send it. The call may be retried after the next {@link SchedulerListener#subscribed}.
 */
public final class NotSubscribedException extends MesosException {

    public NotSubscribedException(String callType) {
        super(callType + " not sent: not subscribed to a Mesos master", null);
    }
}
