package org.mesoslogstash.lscl;

/** The three sections of a pipeline configuration, with the keyword that opens each. */
public enum SectionType {
    INPUT("input"), FILTER("filter"), OUTPUT("output");

    private final String keyword;

    SectionType(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
