package org.mesoslogstash.lscl;

import java.util.List;
import java.util.Objects;

/**
 * {@code name(arg, ...)} in a condition. The grammar accepts it, but Logstash's compiler implements
 * none, so a configuration with one parses here and fails to compile in Logstash.
 */
public record MethodCall(String method, List<RValue> arguments, SourcePosition position) implements RValue {

    public MethodCall {
        Objects.requireNonNull(method, "method");
        if (!Lexical.isBareword(method)) {
            throw new IllegalArgumentException("a method name is [A-Za-z_][A-Za-z0-9_]+, was \"" + method + "\"");
        }
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(position, "position");
    }

    public MethodCall(String method, List<RValue> arguments) {
        this(method, arguments, SourcePosition.NONE);
    }
}
