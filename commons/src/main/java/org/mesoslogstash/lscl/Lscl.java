package org.mesoslogstash.lscl;

import java.util.Objects;

/**
 * Reads and writes the Logstash configuration language (LSCL), answering to Logstash's own grammar
 * ({@code logstash-core/lib/logstash/compiler/lscl/lscl_grammar.treetop}, as of Logstash 8.15, where
 * comments may also stand between hash entries and end at the end of the file). docs/configuration-language.md
 * describes what is accepted, the error format and the limits.
 */
public final class Lscl {

    /** How deep blocks, lists, hashes and parentheses may nest; deeper input is refused with an error. */
    public static final int MAX_DEPTH = 100;

    private Lscl() {
    }

    /**
     * Parses a configuration. Never throws for bad input: the answer is then {@link ParseResult.Invalid}
     * with the first error, at the position Logstash would report (the furthest point the grammar could
     * read to). Time grows linearly with the size of the text.
     */
    public static ParseResult parse(String text) {
        return new Parser(text).parse();
    }

    /**
     * Writes a configuration in canonical form: 2-space indentation, one attribute per line, strings in
     * double quotes unless their text needs single ones, no comments. {@code parse(print(config))} equals
     * {@code config}, and printing what that parse returns gives the same text again.
     */
    public static String print(PipelineConfig config) {
        return new Printer().print(config);
    }
}
