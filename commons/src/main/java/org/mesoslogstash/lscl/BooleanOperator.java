package org.mesoslogstash.lscl;

/** {@code and}, {@code or}, {@code xor}, {@code nand}. */
public enum BooleanOperator {
    AND("and"), OR("or"), XOR("xor"), NAND("nand");

    private final String symbol;

    BooleanOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
