package org.mesoslogstash.executor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerContainerDirectoryTest {

    private static InspectContainerResponse response(String name, String image, String[] env, Map<String, String> labels,
                                                     Boolean running, String startedAt) {
        InspectContainerResponse response = mock(InspectContainerResponse.class);
        ContainerConfig config = mock(ContainerConfig.class);
        InspectContainerResponse.ContainerState state = mock(InspectContainerResponse.ContainerState.class);
        when(response.getId()).thenReturn("4b1d");
        when(response.getName()).thenReturn(name);
        when(response.getConfig()).thenReturn(config);
        when(response.getState()).thenReturn(state);
        when(config.getImage()).thenReturn(image);
        when(config.getEnv()).thenReturn(env);
        when(config.getLabels()).thenReturn(labels);
        when(state.getRunning()).thenReturn(running);
        when(state.getStartedAt()).thenReturn(startedAt);
        return response;
    }

    @Test
    void mapsAnInspectedContainer() {
        ContainerDirectory.ContainerInstance instance = DockerContainerDirectory.instance(response("/web-1", "nginx:1.27",
                new String[] {"MARATHON_APP_ID=/shop/web", "PATH=/bin"}, Map.of("team", "payments"), true,
                "2026-11-29T13:04:39.703974832Z"));

        assertThat(instance.info()).isEqualTo(new ContainerInfo("4b1d", "web-1", "nginx:1.27", Map.of("team", "payments"),
                Map.of("MARATHON_APP_ID", "/shop/web", "PATH", "/bin")));
        assertThat(instance.running()).isTrue();
        assertThat(instance.startedAt()).isEqualTo(Instant.parse("2026-11-29T13:04:39.703974832Z"));
    }

    @Test
    void toleratesMissingLabelsEnvironmentAndStartTime() {
        ContainerDirectory.ContainerInstance instance = DockerContainerDirectory.instance(
                response("created-only", "busybox", null, null, false, "0001-01-01T00:00:00Z"));

        assertThat(instance.info().name()).isEqualTo("created-only");
        assertThat(instance.info().labels()).isEmpty();
        assertThat(instance.info().env()).isEmpty();
        assertThat(instance.running()).isFalse();
    }

    @Test
    void unreadableStartTimeIsADirectoryError() {
        assertThatThrownBy(() -> DockerContainerDirectory.instance(response("/x", "busybox", null, null, true, "yesterday")))
                .isInstanceOf(ContainerDirectoryException.class)
                .hasMessageContaining("'yesterday'");
    }

    @Test
    void environmentKeepsValuesWithEqualsSignsAndEmptyValues() {
        assertThat(DockerContainerDirectory.environment(new String[] {"A=b=c", "EMPTY=", "UNSET", "=odd", "A=second"}))
                .containsExactlyInAnyOrderEntriesOf(Map.of("A", "b=c", "EMPTY", ""));
    }
}
