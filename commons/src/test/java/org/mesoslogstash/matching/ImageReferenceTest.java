package org.mesoslogstash.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(nullValues = "-", value = {
            "nginx, docker.io, library/nginx, -, -",
            "nginx:1.27, docker.io, library/nginx, 1.27, -",
            "library/nginx, docker.io, library/nginx, -, -",
            "docker.io/nginx, docker.io, library/nginx, -, -",
            "index.docker.io/library/nginx:latest, docker.io, library/nginx, latest, -",
            "mycorp/app:2, docker.io, mycorp/app, 2, -",
            "registry:5000/nginx, registry:5000, nginx, -, -",
            "registry:5000/team/app:1.0, registry:5000, team/app, 1.0, -",
            "Registry.MyCorp.com/app, registry.mycorp.com, app, -, -",
            "localhost/app, localhost, app, -, -",
            "nginx@sha256:ab12, docker.io, library/nginx, -, sha256:ab12",
            "nginx:1.27@sha256:ab12, docker.io, library/nginx, 1.27, sha256:ab12",
    })
    void parses(String image, String registry, String repository, String tag, String digest) {
        assertThat(ImageReference.parse(image)).isEqualTo(new ImageReference(registry, repository, tag, digest));
    }

    @ParameterizedTest(name = "{0} has effective tag {1}")
    @CsvSource(nullValues = "-", value = {"nginx, latest", "nginx:1.27, 1.27", "nginx@sha256:ab12, -", "nginx:1@sha256:ab12, 1"})
    void effectiveTag(String image, String tag) {
        assertThat(ImageReference.parse(image).effectiveTag()).isEqualTo(tag);
    }
}
