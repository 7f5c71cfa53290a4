package org.mesoslogstash.lscl;

/** {@code == != < > <= >=}. */
public enum ComparisonOperator {
    EQ("=="), NE("!="), LT("<"), GT(">"), LE("<="), GE(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
