package org.mesoslogstash.onemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLockTest {

    @TempDir
    Path data;

    @Test
    void aSecondRunOnTheSameDataIsRefusedNamingTheHolder() throws Exception {
        try (DataLock first = DataLock.acquire(data)) {
            assertThat(Files.readString(data.resolve("lock"))).isEqualTo(Long.toString(ProcessHandle.current().pid()));

            assertThatThrownBy(() -> DataLock.acquire(data)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("another bin/mesos-logstash (pid " + ProcessHandle.current().pid() + ") uses --data " + data
                            + "; stop it, or give another --data");
        }
    }

    @Test
    void theDataIsFreeAgainOnceTheRunEnds() throws Exception {
        DataLock.acquire(data).close();

        try (DataLock again = DataLock.acquire(data)) {
            assertThat(again).isNotNull();
        }
    }
}
