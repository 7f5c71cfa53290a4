package org.mesoslogstash.simulator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.NetworkInfo;
import org.apache.mesos.v1.Protos.Parameter;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.simulator.DockerSettings;

class DockerRunCommandTest {

    private static final DockerSettings MESOS = DockerSettings.mesosDefaults();
    private static final Path SANDBOX = Path.of("/work/slaves/a1/frameworks/f1/executors/e1/runs/c1");
    private static final CommandInfo ENTRYPOINT = CommandInfo.newBuilder().setShell(false).build();

    private static ContainerInfo.Builder docker(String image) {
        return ContainerInfo.newBuilder().setType(ContainerInfo.Type.DOCKER)
                .setDocker(ContainerInfo.DockerInfo.newBuilder().setImage(image).setNetwork(ContainerInfo.DockerInfo.Network.HOST));
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static Volume volume(String container, String host, Volume.Mode mode) {
        return Volume.newBuilder().setContainerPath(container).setHostPath(host).setMode(mode).build();
    }

    private static List<String> argv(ContainerInfo container, CommandInfo command, List<Resource> resources, Map<String, String> env)
            throws ExecutorLauncher.LaunchException {
        return DockerRunCommand.argv(MESOS, "mesos-c1", container, command, resources, SANDBOX, env);
    }

    @Test
    void theExecutorImageRunsWithItsEntrypointTheAgentsEnvironmentItsVolumesTheSandboxAndHostNetwork() throws Exception {
        ContainerInfo container = docker("mesos-logstash/executor:1.0")
                .addVolumes(volume("/var/run/docker.sock", "/var/run/docker.sock", Volume.Mode.RW))
                .addVolumes(volume("/var/lib/mesos-logstash", "/var/lib/mesos-logstash", Volume.Mode.RW)).build();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MESOS_AGENT_ENDPOINT", "127.0.0.1:5051");
        env.put("MESOS_SANDBOX", SANDBOX.toString());
        env.put("MESOS_DIRECTORY", SANDBOX.toString());

        List<String> argv = argv(container, ENTRYPOINT, List.of(scalar("cpus", 0.5), scalar("mem", 256), scalar("mem", 512)), env);

        assertThat(argv).containsExactly("docker", "-H", "unix:///var/run/docker.sock", "run",
                "--cpu-shares", "512", "--memory", Long.toString(768L * 1024 * 1024),
                "-e", "MESOS_AGENT_ENDPOINT=127.0.0.1:5051",
                "-e", "MESOS_SANDBOX=/mnt/mesos/sandbox",
                "-e", "MESOS_DIRECTORY=/mnt/mesos/sandbox",
                "-e", "MESOS_CONTAINER_NAME=mesos-c1",
                "-v", "/var/run/docker.sock:/var/run/docker.sock:rw",
                "-v", "/var/lib/mesos-logstash:/var/lib/mesos-logstash:rw",
                "-v", SANDBOX + ":/mnt/mesos/sandbox",
                "--net", "host",
                "--name", "mesos-c1",
                "mesos-logstash/executor:1.0");
    }

    @Test
    void aShellCommandReplacesTheEntrypointWithBinShC() throws Exception {
        CommandInfo command = CommandInfo.newBuilder().setShell(true).setValue("exec java -jar x.jar").build();

        List<String> argv = argv(docker("img").build(), command, List.of(), Map.of());

        assertThat(argv).containsSubsequence("--entrypoint", "/bin/sh", "--name", "mesos-c1", "img", "-c", "exec java -jar x.jar");
        assertThat(argv.subList(argv.indexOf("img"), argv.size())).containsExactly("img", "-c", "exec java -jar x.jar");
    }

    @Test
    void withoutShellTheValueAndArgumentsFollowTheImageAndTheEntrypointStays() throws Exception {
        CommandInfo command = CommandInfo.newBuilder().setShell(false).setValue("--verbose").addArguments("a").addArguments("b").build();

        List<String> argv = argv(docker("img").build(), command, List.of(), Map.of());

        assertThat(argv).doesNotContain("--entrypoint");
        assertThat(argv.subList(argv.indexOf("img"), argv.size())).containsExactly("img", "--verbose", "a", "b");
    }

    @Test
    void aShellCommandWithoutValueIsRefusedAsMesosDoes() {
        assertThatThrownBy(() -> argv(docker("img").build(), CommandInfo.newBuilder().setShell(true).build(), List.of(), Map.of()))
                .isInstanceOf(ExecutorLauncher.LaunchException.class).hasMessageContaining("Shell specified but no command value provided");
    }

    @Test
    void relativePathsAreTheSandboxsAndReadOnlyVolumesStayReadOnly() throws Exception {
        ContainerInfo container = docker("img").addVolumes(volume("data", "/srv/data", Volume.Mode.RO))
                .addVolumes(volume("/cache", "cache", Volume.Mode.RW)).build();

        List<String> argv = argv(container, ENTRYPOINT, List.of(), Map.of());

        assertThat(argv).containsSubsequence("-v", "/srv/data:/mnt/mesos/sandbox/data:ro", "-v", SANDBOX + "/cache:/cache:rw",
                "-v", SANDBOX + ":/mnt/mesos/sandbox");
    }

    @Test
    void aVolumeWithBothPathsRelativeIsRefused() {
        ContainerInfo container = docker("img").addVolumes(volume("a", "b", Volume.Mode.RW)).build();

        assertThatThrownBy(() -> argv(container, ENTRYPOINT, List.of(), Map.of()))
                .hasMessageContaining("Both host_path 'b' and container_path 'a' of a volume are relative");
    }

    @Test
    void networkDefaultsToHostAndUserNetworksAreNamedByTheirNetworkInfo() throws Exception {
        ContainerInfo noNetwork = ContainerInfo.newBuilder().setType(ContainerInfo.Type.DOCKER)
                .setDocker(ContainerInfo.DockerInfo.newBuilder().setImage("img")).build();
        ContainerInfo user = docker("img").setDocker(ContainerInfo.DockerInfo.newBuilder().setImage("img")
                .setNetwork(ContainerInfo.DockerInfo.Network.USER)).addNetworkInfos(NetworkInfo.newBuilder().setName("logs")).build();

        assertThat(argv(noNetwork, ENTRYPOINT, List.of(), Map.of())).containsSubsequence("--net", "host");
        assertThat(argv(user, ENTRYPOINT, List.of(), Map.of())).containsSubsequence("--net", "logs");
    }

    @Test
    void parametersPrivilegeAndMesosFloorsForTinyResources() throws Exception {
        ContainerInfo container = docker("img").setDocker(ContainerInfo.DockerInfo.newBuilder().setImage("img").setPrivileged(true)
                .addParameters(Parameter.newBuilder().setKey("log-driver").setValue("json-file"))).build();

        List<String> argv = argv(container, ENTRYPOINT, List.of(scalar("cpus", 0.001), scalar("mem", 1)), Map.of());

        assertThat(argv).containsSubsequence("run", "--privileged", "--cpu-shares", "2", "--memory", Long.toString(32L * 1024 * 1024));
        assertThat(argv).containsSubsequence("--name", "mesos-c1", "--log-driver=json-file", "img");
    }

    @Test
    void theContainerIsNamedByThePrefixAndTheContainerId() {
        ContainerID id = ContainerID.newBuilder().setValue("3f2a").build();

        assertThat(DockerRunCommand.containerName(MESOS, id)).isEqualTo("mesos-3f2a");
        assertThat(DockerRunCommand.containerName(MESOS.withContainerNamePrefix("mlt-img-mesos-"), id)).isEqualTo("mlt-img-mesos-3f2a");
    }

    @Test
    void portMappingsAreRefusedWithAMessage() {
        ContainerInfo container = docker("img").setDocker(ContainerInfo.DockerInfo.newBuilder().setImage("img")
                .setNetwork(ContainerInfo.DockerInfo.Network.BRIDGE)
                .addPortMappings(ContainerInfo.DockerInfo.PortMapping.newBuilder().setHostPort(80).setContainerPort(80))).build();

        assertThatThrownBy(() -> argv(container, ENTRYPOINT, List.of(), Map.of())).hasMessageContaining("Port mappings are not supported");
    }
}
