package org.mesoslogstash.lscl;

/** {@code =~} (matches) and {@code !~} (does not match). */
public enum RegexpOperator {
    MATCHES("=~"), NOT_MATCHES("!~");

    private final String symbol;

    RegexpOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
