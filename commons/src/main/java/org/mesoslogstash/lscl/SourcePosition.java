package org.mesoslogstash.lscl;

/**
 * Where a node starts in the configuration text: line and column, both 1-based; columns count
 * characters (Unicode code points). Nodes built by code carry {@link #NONE}.
 *
 * <p>Positions never take part in equality: any two positions are equal and hash alike. Because every
 * node is a record that carries its position as a component, two trees are therefore equal exactly
 * when they have the same content, wherever they were written; {@code parse(print(tree))} equals
 * {@code tree} although every position differs.
 */
public record SourcePosition(int line, int column) {

    /** The position of a node that was built by code, not read from text. */
    public static final SourcePosition NONE = new SourcePosition(0, 0);

    public SourcePosition {
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("a position is 1-based (or 0 for none), was " + line + ":" + column);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourcePosition;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
