package org.mesoslogstash.scheduler.framework;

import java.util.Optional;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * An option whose value cannot even be converted to its type ({@code MESOS_LOGSTASH_EXECUTOR_CPUS=abc},
 * {@code MESOS_LOGSTASH_FAILOVER_TIMEOUT=forever}) reported like the checks of
 * {@link SchedulerProperties#validate()}: the property, the environment variable, the value, what would
 * be accepted, and where the value came from. Ordered before Spring Boot's own analyzer of bind
 * failures, which stays in charge of properties that are not the scheduler's options.
 */
public final class OptionConversionFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        ConfigurationProperty property = cause.getProperty();
        if (property == null) {
            return null;
        }
        Optional<SchedulerOption> option = SchedulerOption.byProperty(property.getName().toString());
        if (option.isEmpty()) {
            return null;
        }
        EffectiveConfiguration.Entry given = EffectiveConfiguration.given(option.get(), property);
        return new FailureAnalysis(option.get().invalid(given.value().orElse(""), option.get().acceptedForm()) + " (given by " + given.where() + ")",
                InvalidOptionFailureAnalyzer.ACTION, cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
