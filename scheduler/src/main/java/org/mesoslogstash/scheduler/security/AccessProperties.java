package org.mesoslogstash.scheduler.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access options of the scheduler (the rest are in {@code framework.SchedulerProperties}, same prefix).
 *
 * @param users MESOS_LOGSTASH_USERS, default none: {@code name:role:password,...} (see {@link ApiUsers});
 *              without any, the first start generates an {@code admin} operator (see {@link GeneratedAdmin})
 */
@ConfigurationProperties("mesos.logstash")
public record AccessProperties(@DefaultValue("") List<String> users) {

    public AccessProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
