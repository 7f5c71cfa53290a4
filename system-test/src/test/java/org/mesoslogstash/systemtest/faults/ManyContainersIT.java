package org.mesoslogstash.systemtest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mesoslogstash.systemtest.faults.OperatorApi.Answer;
import org.mesoslogstash.systemtest.faults.ReliabilityCluster.Scenario;

/**
 * 100 containers with two log files each on one agent (issue 7), in a {@link ReliabilityCluster} of
 * one agent, so that one executor follows the 200 files as on a real agent; every line must arrive
 * exactly once with its metadata. Apart from {@link ReliabilityIT} because starting 100 containers
 * takes minutes on a loaded machine. Figures go to {@code target/reliability/report-many-containers.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyContainersIT {

    private static final String LABEL = "mlt-flt-many";
    private ReliabilityCluster rc;

    @BeforeAll
    void startCluster() throws Exception {
        rc = ReliabilityCluster.start("report-many-containers", 1);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (rc != null) {
            rc.close();
        }
    }

    @Test
    void aHundredContainersWithTwoFilesEachOnOneAgentLoseNothing() {
        Answer put = rc.api().putConfiguration("many", rc.configuration(LABEL, List.of("/tmp/app.log", "/tmp/second.log"), false));
        assertThat(put.status()).as("PUT answered %s", put.body()).isEqualTo(201);
        rc.changed(put);
        rc.awaitEveryAgentOn(rc.version());

        Scenario run = rc.scenario("i", "100 containers x 2 files on one agent", rc.agents(), 100, LABEL,
                List.of("/tmp/app.log", "/tmp/second.log"), false, Duration.ofMillis(500), 20);

        run.finish("one executor following 200 files");
    }
}
