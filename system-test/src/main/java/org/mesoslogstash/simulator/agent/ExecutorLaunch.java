package org.mesoslogstash.simulator.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.mesoslogstash.simulator.executor.InProcessExecutors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task arriving at an agent: given to its executor if that runs, else the executor is started first
 * (the task waits for its SUBSCRIBE). A task without an executor (the command executor) and an executor
 * that cannot start end as TASK_FAILED with REASON_CONTAINER_LAUNCH_FAILED and a message that says why.
 * Executors the configured {@link InProcessExecutors} take run in-process, with the same environment
 * (no sandbox is made for them).
 * Runs on the agent's thread.
 */
final class ExecutorLaunch {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorLaunch.class);

    private ExecutorLaunch() {
    }

    static void launch(SimulatedAgent agent, FrameworkInfo framework, TaskInfo task) {
        if (!task.hasExecutor()) {
            agent.agentUpdate(framework.getId(), ExecutorID.newBuilder().setValue(task.getTaskId().getValue()).build(), task.getTaskId(),
                    TaskState.TASK_FAILED, TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
                    "Failed to launch container: the Mesos simulator has no command executor; give the task an ExecutorInfo");
            return;
        }
        ExecutorID executorId = task.getExecutor().getExecutorId();
        Optional<ExecutorRun> running = agent.executor(framework.getId(), executorId);
        if (running.isPresent()) {
            agent.deliver(running.get(), task);
            return;
        }
        ContainerID containerId = ContainerID.newBuilder().setValue(UUID.randomUUID().toString()).build();
        Path sandbox = agent.sandboxFor(framework, executorId, containerId);
        ExecutorRun run = new ExecutorRun(framework, task.getExecutor(), containerId, sandbox);
        Map<String, String> environment = ExecutorEnvironmentVariables.of(agent.settings(), framework, task.getExecutor(), sandbox);
        Optional<InProcessExecutors> inProcess = agent.inProcessExecutors().filter(executors -> executors.runs(task.getExecutor()));
        try {
            run.process = inProcess.isPresent()
                    ? new InProcessProcess(inProcess.get().start(environment))
                    : ExecutorLauncher.launch(task.getExecutor(), containerResources(task), containerId, sandbox, environment, agent.docker());
        } catch (ExecutorLauncher.LaunchException e) {
            LOG.warn("Agent {}: executor {} of framework {} not started: {}", agent.id().getValue(), executorId.getValue(),
                    framework.getId().getValue(), e.getMessage());
            agent.agentUpdate(framework.getId(), executorId, task.getTaskId(), TaskState.TASK_FAILED,
                    TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, e.getMessage());
            agent.executorFailedToStart(framework, executorId);
            return;
        }
        if (inProcess.isPresent()) {
            LOG.debug("Agent {}: executor {} of framework {} started in-process", agent.id().getValue(), executorId.getValue(),
                    framework.getId().getValue());
        } else if (run.process instanceof DockerContainerProcess container) {
            LOG.info("Agent {}: executor {} of framework {} started in container {} (docker run pid {}), sandbox {}", agent.id().getValue(),
                    executorId.getValue(), framework.getId().getValue(), container.containerName(), run.process.pid(), sandbox);
        } else {
            LOG.info("Agent {}: executor {} of framework {} started as pid {} in {}", agent.id().getValue(), executorId.getValue(),
                    framework.getId().getValue(), run.process.pid(), sandbox);
        }
        agent.started(run);
        agent.deliver(run, task);
    }

    /**
     * What the executor's container holds once its task runs: the executor's resources and the task's
     * (Mesos starts it with the executor's and updates the limits when the task arrives; the simulator
     * sets them once).
     */
    private static List<Resource> containerResources(TaskInfo task) {
        List<Resource> resources = new ArrayList<>(task.getExecutor().getResourcesList());
        resources.addAll(task.getResourcesList());
        return resources;
    }
}
