package org.mesoslogstash.scheduler.framework;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Logs the {@link EffectiveConfiguration} once at INFO, as soon as the environment is complete and
 * logging is set up, before any option is converted or checked: an operator whose scheduler refuses to
 * start sees what it was given next to the reason. Variables and arguments that look like options but are
 * none are logged at WARN, since Spring ignores them. Registered in META-INF/spring.factories, since it
 * runs before the application context exists.
 */
public final class EffectiveConfigurationLogger implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(EffectiveConfigurationLogger.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        EffectiveConfiguration configuration = EffectiveConfiguration.of(event.getEnvironment());
        LOG.info("{}", configuration);
        for (String name : configuration.unknown()) {
            LOG.warn("{} is set but is no option of the scheduler, which ignores it (misspelt? an option of the executor? "
                    + "docs/configuration-reference.md lists them)", name);
        }
    }

    /** After Spring Boot's logging listener, which configures logging on the same event. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
