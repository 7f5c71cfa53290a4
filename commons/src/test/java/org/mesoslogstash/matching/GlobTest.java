package org.mesoslogstash.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "''{0}'' against ''{1}'' is {2}")
    @CsvSource(delimiter = '|', value = {
            "web|web|true",
            "web|Web|false",
            "web|web1|false",
            "web*|web|true",
            "web*|web-1|true",
            "*web|my-web|true",
            "*|''|true",
            "''|''|true",
            "''|x|false",
            "w?b|web|true",
            "w?b|wb|false",
            "a*b*c|aXXbYYc|true",
            "a*b*c|aXXbYY|false",
            "/shop/*|/shop/a/b|true",
            "a.b|aXb|false",
            "(x)+|(x)+|true",
            "[ab]|a|false",
            "\\Q*|\\Qz|true",
    })
    void matches(String pattern, String text, boolean expected) {
        assertThat(Glob.of(pattern).matches(text)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void neverMatchesAbsentText() {
        assertThat(Glob.of("*").matches(null)).isFalse();
    }
}
