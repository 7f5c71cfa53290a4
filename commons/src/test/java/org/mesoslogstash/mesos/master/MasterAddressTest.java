package org.mesoslogstash.mesos.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MasterAddressTest {

    @Test
    void zooKeeperAddressGivesEnsembleAndPath() {
        assertThat(MasterAddress.parse("zk://zk1:2181,zk2:2181/mesos"))
                .isEqualTo(new MasterAddress.ZooKeeper("zk1:2181,zk2:2181", "/mesos"));
    }

    @Test
    void zooKeeperPathLosesTrailingSlash() {
        assertThat(MasterAddress.parse(" zk://zk1:2181/mesos/prod/ "))
                .isEqualTo(new MasterAddress.ZooKeeper("zk1:2181", "/mesos/prod"));
    }

    @Test
    void urlListGivesBaseUrlsInOrder() {
        assertThat(MasterAddress.parse("http://m1:5050, https://m2:5050/"))
                .isEqualTo(new MasterAddress.Urls(List.of(URI.create("http://m1:5050"), URI.create("https://m2:5050"))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                          | it is empty",
            "zk://zk1:2181               | has no znode path",
            "zk://zk1:2181/              | znode path is empty",
            "zk:///mesos                 | names no ZooKeeper host",
            "zk://zk1/mesos              | has no port (ZooKeeper",
            "zk://zk1:99999/mesos        | expected 1-65535",
            "zk://zk1:2181,/mesos        | empty ZooKeeper host",
            "zk://u:p@zk1:2181/mesos     | credentials",
            "m1:5050                     | does not start with http:// or https://",
            "ftp://m1:5050               | does not start with http:// or https://",
            "http://m1                   | has no port",
            "http://m1:5050/master       | has a path",
            "http://m1:5050,,http://m2:5050 | empty entry",
    })
    void rejectsBadInputNamingTheProblem(String text, String problem) {
        assertThatThrownBy(() -> MasterAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining("expected zk://");
    }
}
