package org.mesoslogstash.executor.mesos;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mesoslogstash.executor.collector.CollectorConfig;

/**
 * Which settings of a collector configuration cannot be applied to a running collection: all but
 * the rules. A change to any of them replaces the run (restart from the checkpoints).
 */
final class RestartingSettings {

    private RestartingSettings() {
    }

    /**
     * The settings other than the rules whose values differ, by name. Every component of
     * {@link CollectorConfig} counts, so a setting added later restarts collection when it changes
     * until someone makes it hot-appliable on purpose.
     */
    static List<String> changed(CollectorConfig before, CollectorConfig after) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent component : CollectorConfig.class.getRecordComponents()) {
            if (component.getName().equals("rules")) {
                continue;
            }
            try {
                Method accessor = component.getAccessor();
                if (!Objects.equals(accessor.invoke(before), accessor.invoke(after))) {
                    changed.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of a collector configuration", e);
            }
        }
        return changed;
    }
}
