package org.mesoslogstash.mesos.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MasterInfoJsonTest {

    private static URI parse(String json) {
        return MasterInfoJson.masterUri(json.getBytes(StandardCharsets.UTF_8), "http");
    }

    @Test
    void prefersAddressHostname() {
        assertThat(parse("""
                {"id":"x","ip":16777343,"port":5050,"pid":"master@127.0.0.1:5050","hostname":"old",
                 "address":{"hostname":"m1.example","ip":"10.0.0.1","port":5051},"version":"1.11.0"}"""))
                .isEqualTo(URI.create("http://m1.example:5051"));
    }

    @Test
    void fallsBackToAddressIp() {
        assertThat(parse("{\"address\":{\"ip\":\"10.0.0.1\",\"port\":5050}}")).isEqualTo(URI.create("http://10.0.0.1:5050"));
    }

    @Test
    void fallsBackToTopLevelHostnameAndPort() {
        assertThat(parse("{\"hostname\":\"m2\",\"port\":5050}")).isEqualTo(URI.create("http://m2:5050"));
    }

    @Test
    void rejectsInfoWithoutHost() {
        assertThatThrownBy(() -> parse("{\"port\":5050}")).hasMessageContaining("no address.hostname");
    }

    @Test
    void rejectsNonJson() {
        assertThatThrownBy(() -> parse("\u0008binary")).hasMessageContaining("not JSON");
    }
}
