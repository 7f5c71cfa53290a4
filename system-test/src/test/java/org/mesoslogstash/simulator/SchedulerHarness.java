package org.mesoslogstash.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.mesoslogstash.mesos.http.MesosHttpClient;
import org.mesoslogstash.mesos.master.MasterDetector;
import org.mesoslogstash.mesos.master.StaticMasterDetector;
import org.mesoslogstash.mesos.scheduler.HttpSchedulerClient;
import org.mesoslogstash.mesos.scheduler.SchedulerClientConfig;

/** The real scheduler client on a simulated cluster, and tasks that run {@link TestExecutorMain}. */
final class SchedulerHarness implements AutoCloseable {

    final RecordingScheduler scheduler = new RecordingScheduler();
    final HttpSchedulerClient client;
    private final MasterDetector detector;

    SchedulerHarness(MasterDetector detector) {
        this.detector = detector;
        this.client = new HttpSchedulerClient(detector, MesosHttpClient.create(Duration.ofSeconds(2)),
                SchedulerClientConfig.defaults(failures -> Duration.ofMillis(Math.min(500, 50L * failures)))
                        .withRequestTimeout(Duration.ofSeconds(5)),
                Thread.ofPlatform().name("scheduler-events").factory());
        scheduler.client.set(client);
    }

    static SchedulerHarness at(URI... masters) {
        return new SchedulerHarness(new StaticMasterDetector(List.of(masters)));
    }

    static FrameworkInfo framework(String name, double failoverTimeoutSeconds) {
        return FrameworkInfo.newBuilder().setUser("root").setName(name).setCheckpoint(true)
                .setFailoverTimeout(failoverTimeoutSeconds).build();
    }

    void start(FrameworkInfo framework) {
        client.start(framework, scheduler);
    }

    /** A task on the offer's agent whose executor is {@link TestExecutorMain}, run by this JVM's java. */
    static TaskInfo executorTask(Offer offer, String taskId, String executorId) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        CommandInfo command = CommandInfo.newBuilder().setShell(false).setValue(java)
                .addAllArguments(List.of("java", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
                        "-cp", System.getProperty("java.class.path"), TestExecutorMain.class.getName()))
                .build();
        ExecutorInfo executor = ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue(executorId))
                .setCommand(command).addResources(scalar("cpus", 0.1)).addResources(scalar("mem", 64)).build();
        return TaskInfo.newBuilder().setName(taskId).setTaskId(TaskID.newBuilder().setValue(taskId)).setAgentId(offer.getAgentId())
                .setExecutor(executor).addResources(scalar("cpus", 0.5)).addResources(scalar("mem", 128)).build();
    }

    static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    void launch(Offer offer, TaskInfo task) {
        client.accept(List.of(offer.getId()), List.of(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build()), Filters.getDefaultInstance());
    }

    @Override
    public void close() throws Exception {
        client.close();
        detector.close();
    }
}
