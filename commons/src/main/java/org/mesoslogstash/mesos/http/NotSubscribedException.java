package org.mesoslogstash.mesos.http;

/**
 * A call was attempted while the client holds no subscription. Mesos would answer 403; the client
 * does not send it. The call may be retried once the client has subscribed again.
 */
public final class NotSubscribedException extends MesosException {

    public NotSubscribedException(String callType) {
        super(callType + " not sent: not subscribed to Mesos", null);
    }
}
