package org.mesoslogstash.mesos.testsupport;

import java.util.Optional;

import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The structural checks Mesos' master applies to a scheduler Call before acting on it
 * ({@code validation::scheduler::call::validate}), with its wording. The type itself is a required
 * field, so a Call without one does not even parse.
 */
public final class CallValidation {

    private CallValidation() {
    }

    public static Optional<String> validate(Call call) {
        if (call.getType() == Call.Type.SUBSCRIBE) {
            if (!call.hasSubscribe()) {
                return Optional.of("Expecting 'subscribe' to be present");
            }
            if (call.hasFrameworkId() && !call.getFrameworkId().equals(call.getSubscribe().getFrameworkInfo().getId())) {
                return Optional.of("'framework_id' differs from 'subscribe.framework_info.id'");
            }
            return Optional.empty();
        }
        if (!call.hasFrameworkId()) {
            return Optional.of("Expecting 'framework_id' to be present");
        }
        boolean present = switch (call.getType()) {
            case ACCEPT -> call.hasAccept();
            case DECLINE -> call.hasDecline();
            case KILL -> call.hasKill();
            case SHUTDOWN -> call.hasShutdown();
            case ACKNOWLEDGE -> call.hasAcknowledge();
            case RECONCILE -> call.hasReconcile();
            case MESSAGE -> call.hasMessage();
            case REQUEST -> call.hasRequest();
            default -> true;
        };
        return present ? Optional.empty() : Optional.of("Expecting '" + call.getType().name().toLowerCase(java.util.Locale.ROOT) + "' to be present");
    }
}
