package org.mesoslogstash.scheduler;

import org.mesoslogstash.mesos.ProtobufRuntime;
import org.mesoslogstash.scheduler.framework.SchedulerProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The scheduler process: registers with Mesos and keeps one mesos-logstash executor on every agent.
 * Configured through {@link SchedulerProperties} (environment variables {@code MESOS_LOGSTASH_*});
 * SIGTERM stops it and leaves the executors running for a scheduler that takes over.
 */
@SpringBootApplication
@EnableConfigurationProperties(SchedulerProperties.class)
public class SchedulerApplication {

    public static void main(String[] args) {
        ProtobufRuntime.acceptMesosGeneratedCode();
        SpringApplication.run(SchedulerApplication.class, args);
    }
}
