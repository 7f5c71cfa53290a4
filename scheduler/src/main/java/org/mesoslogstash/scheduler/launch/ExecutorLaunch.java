package org.mesoslogstash.scheduler.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Volume;
import org.mesoslogstash.config.distribution.CollectorAssignment;
import org.mesoslogstash.scheduler.distribution.ConfigurationSource;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.mesoslogstash.scheduler.placement.OfferResources;
import org.mesoslogstash.scheduler.placement.ResourceNeed;

/**
 * Builds the executor task for an agent from the configuration: the ExecutorInfo runs the executor
 * (as a Docker image by default, or as a command with fetched URIs) with the executor's cpus, mem and
 * disk; the task itself asks for the memory of the Logstash the executor runs. Resources are taken
 * from the offer (reserved for the role first), which the placement rules checked to suffice.
 *
 * <p>The task's {@code data} is the collector configuration the executor starts with (a {@link
 * CollectorAssignment}); the executor reports the version it applied in its status updates.
 *
 * <p>Docker: host network (the executor reaches the agent's executor API on localhost and ships to
 * Logstash), the Docker socket (to discover and read containers) and a host directory for checkpoints
 * that outlives the container. Nothing else of the host is mounted.
 */
public final class ExecutorLaunch {

    public static final String DOCKER_SOCKET = "/var/run/docker.sock";
    /** The executor's variable for the heap of its Logstash (LogstashSettings, in the executor module). */
    public static final String LOGSTASH_HEAP_ENV = "MESOS_LOGSTASH_LOGSTASH_HEAP";
    /** Where the checkpoint host directory appears inside the executor container. */
    public static final String CHECKPOINT_CONTAINER_PATH = "/var/lib/mesos-logstash";

    private final SchedulerProperties properties;
    private final ConfigurationSource configuration;

    /** @param configuration the current configuration when a task is launched, so a new executor starts with the current version */
    public ExecutorLaunch(SchedulerProperties properties, ConfigurationSource configuration) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /** What the executor process itself needs. */
    public ResourceNeed executorNeed() {
        SchedulerProperties.Executor executor = properties.executor();
        return new ResourceNeed(executor.cpus(), executor.mem(), executor.disk());
    }

    /** What the task needs beside its executor: the memory of the Logstash the executor runs. */
    public ResourceNeed taskNeed() {
        return new ResourceNeed(0, properties.executor().logstashMem(), 0);
    }

    /** Everything one launch takes from an offer. */
    public ResourceNeed totalNeed() {
        return executorNeed().plus(taskNeed());
    }

    public TaskInfo taskInfo(Offer offer, String taskId) {
        String role = properties.role();
        Offer remaining = offer;
        List<Resource> executorResources = new ArrayList<>();
        remaining = take(remaining, executorResources, "cpus", executorNeed().cpus(), role);
        remaining = take(remaining, executorResources, "mem", executorNeed().mem(), role);
        remaining = take(remaining, executorResources, "disk", executorNeed().disk(), role);
        List<Resource> taskResources = new ArrayList<>();
        take(remaining, taskResources, "mem", taskNeed().mem(), role);

        ExecutorInfo.Builder executor = ExecutorInfo.newBuilder()
                .setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue(executorId(taskId)))
                .setName(properties.frameworkName() + " executor")
                .addAllResources(executorResources);
        SchedulerProperties.Executor config = properties.executor();
        if (config.launch() == SchedulerProperties.LaunchMode.DOCKER) {
            executor.setCommand(CommandInfo.newBuilder().setShell(false).setEnvironment(environment())); // the image's entrypoint
            executor.setContainer(ContainerInfo.newBuilder()
                    .setType(ContainerInfo.Type.DOCKER)
                    .setDocker(ContainerInfo.DockerInfo.newBuilder()
                            .setImage(config.image())
                            .setNetwork(ContainerInfo.DockerInfo.Network.HOST))
                    .addVolumes(volume(DOCKER_SOCKET, DOCKER_SOCKET))
                    .addVolumes(volume(CHECKPOINT_CONTAINER_PATH, config.checkpointHostPath())));
        } else {
            CommandInfo.Builder command = CommandInfo.newBuilder().setShell(true).setValue(config.command()).setEnvironment(environment());
            for (String uri : config.uris()) {
                command.addUris(CommandInfo.URI.newBuilder().setValue(uri).setExtract(isArchive(uri)).setCache(false));
            }
            executor.setCommand(command);
        }
        TaskInfo.Builder task = TaskInfo.newBuilder()
                .setName(properties.frameworkName() + " on " + offer.getHostname())
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(offer.getAgentId())
                .addAllResources(taskResources)
                .setExecutor(executor);
        configuration.current().ifPresent(assignment -> task.setData(assignment.toByteString()));
        return task.build();
    }

    /**
     * The executor's own options that follow from the scheduler's: the Logstash heap the task's memory
     * was sized for ({@code MESOS_LOGSTASH_EXECUTOR_LOGSTASH_HEAP}, MiB), so the executor's
     * {@value #LOGSTASH_HEAP_ENV} is set from it rather than left at the executor's own default.
     */
    private Environment environment() {
        long heapMiB = (long) Math.ceil(properties.executor().logstashHeap());
        return Environment.newBuilder()
                .addVariables(Environment.Variable.newBuilder().setName(LOGSTASH_HEAP_ENV).setValue(heapMiB + "m"))
                .build();
    }

    public static String executorId(String taskId) {
        return "executor." + taskId;
    }

    private static Offer take(Offer offer, List<Resource> into, String name, double amount, String role) {
        if (amount <= 0) {
            return offer;
        }
        List<Resource> taken = OfferResources.take(offer, name, amount, role);
        into.addAll(taken);
        // What is left of the offer for the next take: the taken amounts subtracted entry by entry.
        Offer.Builder rest = offer.toBuilder().clearResources();
        List<Resource> pending = new ArrayList<>(taken);
        for (Resource resource : offer.getResourcesList()) {
            Resource left = resource;
            for (int i = 0; i < pending.size(); i++) {
                Resource part = pending.get(i);
                if (sameSlot(resource, part)) {
                    double value = resource.getScalar().getValue() - part.getScalar().getValue();
                    left = resource.toBuilder().setScalar(resource.getScalar().toBuilder().setValue(value)).build();
                    pending.remove(i);
                    break;
                }
            }
            if (!left.hasScalar() || left.getScalar().getValue() > 1e-9) {
                rest.addResources(left);
            }
        }
        return rest.build();
    }

    private static boolean sameSlot(Resource a, Resource b) {
        return a.toBuilder().clearScalar().build().equals(b.toBuilder().clearScalar().build());
    }

    private static boolean isArchive(String uri) {
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".tar.gz") || lower.endsWith(".tgz") || lower.endsWith(".zip") || lower.endsWith(".tar");
    }

    private static Volume volume(String containerPath, String hostPath) {
        return Volume.newBuilder().setContainerPath(containerPath).setHostPath(hostPath).setMode(Volume.Mode.RW).build();
    }
}
