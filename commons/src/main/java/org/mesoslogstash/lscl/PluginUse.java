package org.mesoslogstash.lscl;

import java.util.Objects;

/**
 * One use of a plugin in a configuration.
 *
 * @param section     the section it is in (for a codec: the section of the plugin it belongs to)
 * @param plugin      the plugin
 * @param conditional whether it sits inside an if/else branch
 * @param codec       whether it is the value of an attribute (a codec, such as {@code codec => json})
 *                    rather than a plugin statement; Logstash loads such plugins as codecs
 */
public record PluginUse(SectionType section, Plugin plugin, boolean conditional, boolean codec) {

    public PluginUse {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(plugin, "plugin");
    }
}
