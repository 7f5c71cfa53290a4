package org.mesoslogstash.mesos.scheduler;

import java.time.Duration;
import java.util.List;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.mesoslogstash.mesos.http.MesosException;

/**
 * What the scheduler hears from Mesos. A {@link SchedulerClient} calls these on one thread of its own,
 * one at a time, in the order the master sent the events; a listener may call the client back (for
 * example to decline an offer) from within a callback.
 *
 * <p>The life of a connection: {@link #subscribed} first, then any events, then {@link #disconnected}
 * when the stream is lost; the client then subscribes again by itself (with the same framework id)
 * and, once the master accepts, calls {@link #subscribed} again. Heartbeats are not passed on.
 */
public interface SchedulerListener {

    /** The master accepted the subscription; {@code frameworkId} is to be kept for every re-subscription. */
    void subscribed(FrameworkID frameworkId, Duration heartbeatInterval, MasterInfo master);

    void offers(List<Offer> offers);

    void rescind(OfferID offerId);

    /** A status update; acknowledge it (if it has a uuid) once what it changed is stored. */
    void update(TaskStatus status);

    /** A framework message from an executor (best-effort: Mesos may drop it). */
    void message(Event.Message message);

    /** An agent was removed, or an executor terminated (then {@code failure.hasExecutorId()}). */
    void failure(Event.Failure failure);

    /** An asynchronous error from the master, such as a failed authorization; Mesos recommends aborting. */
    void error(String message);

    /** The subscription was lost; events stop until the next {@link #subscribed}. */
    void disconnected(String reason);

    /** A SUBSCRIBE attempt failed; the client retries with backoff unless it is closed. */
    default void subscribeFailed(MesosException cause) {
    }

    /** Any other event (inverse offers, operation updates), for schedulers that use them. */
    default void other(Event event) {
    }
}
