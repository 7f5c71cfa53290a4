package org.mesoslogstash.scheduler.framework;

import java.util.Optional;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * Builds the FrameworkInfo the scheduler subscribes with. Checkpointing is always on, so executors and
 * their tasks survive an agent restart, and the failover timeout keeps them running while no scheduler
 * is subscribed. Capabilities: PARTITION_AWARE (TASK_UNREACHABLE and TASK_GONE instead of TASK_LOST, so
 * a partitioned agent's executor is not given up) and TASK_KILLING_STATE.
 */
public final class FrameworkInfos {

    private FrameworkInfos() {
    }

    // FrameworkInfo.role is deprecated for MULTI_ROLE frameworks; one role without that capability is
    // what Mesos 1.x still takes, and it keeps offers and reservations in the single-role format.
    @SuppressWarnings("deprecation")
    public static FrameworkInfo from(SchedulerProperties properties, Optional<FrameworkID> id) {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
                .setName(properties.frameworkName())
                .setUser(properties.user())
                .setRole(properties.role())
                .setCheckpoint(true)
                .setFailoverTimeout(properties.failoverTimeout().toMillis() / 1000.0)
                .addCapabilities(capability(FrameworkInfo.Capability.Type.PARTITION_AWARE))
                .addCapabilities(capability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE));
        properties.principalOption().ifPresent(info::setPrincipal);
        properties.webuiUrlOption().ifPresent(info::setWebuiUrl);
        id.ifPresent(info::setId);
        return info.build();
    }

    private static FrameworkInfo.Capability capability(FrameworkInfo.Capability.Type type) {
        return FrameworkInfo.Capability.newBuilder().setType(type).build();
    }
}
