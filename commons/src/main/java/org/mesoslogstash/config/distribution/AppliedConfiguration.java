package org.mesoslogstash.config.distribution;

import java.util.OptionalLong;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The configuration version an executor runs with, carried in the labels of its status updates (not
 * in {@code TaskStatus.data}, which stays free): {@value #VERSION_LABEL} holds the applied version as a
 * decimal number. When the executor could not apply a newer version (its configuration is invalid),
 * it keeps running the old one and also sets {@value #REJECTED_LABEL} to the rejected version, with
 * the reason in {@code TaskStatus.message}, so that the scheduler stops re-sending it.
 */
public final class AppliedConfiguration {

    public static final String VERSION_LABEL = "org.mesoslogstash.config.applied-version";
    public static final String REJECTED_LABEL = "org.mesoslogstash.config.rejected-version";

    private AppliedConfiguration() {
    }

    /** Labels saying that {@code applied} runs. */
    public static Labels labels(long applied) {
        return Labels.newBuilder().addLabels(label(VERSION_LABEL, applied)).build();
    }

    /** Labels saying that {@code applied} still runs because {@code rejected} could not be applied. */
    public static Labels labels(long applied, long rejected) {
        return Labels.newBuilder().addLabels(label(VERSION_LABEL, applied)).addLabels(label(REJECTED_LABEL, rejected)).build();
    }

    /** The applied version a status reports, if it reports one. */
    public static OptionalLong appliedVersion(TaskStatus status) {
        return find(status, VERSION_LABEL);
    }

    /** The version a status reports as rejected, if any. */
    public static OptionalLong rejectedVersion(TaskStatus status) {
        return find(status, REJECTED_LABEL);
    }

    private static Label label(String key, long version) {
        return Label.newBuilder().setKey(key).setValue(Long.toString(version)).build();
    }

    private static OptionalLong find(TaskStatus status, String key) {
        for (Label label : status.getLabels().getLabelsList()) {
            if (label.getKey().equals(key) && label.hasValue()) {
                try {
                    return OptionalLong.of(Long.parseLong(label.getValue()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty(); // not written by an executor of ours
                }
            }
        }
        return OptionalLong.empty();
    }
}
