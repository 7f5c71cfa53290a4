package org.mesoslogstash.lscl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid configurations and the exact first error for each: the position is where Logstash's grammar
 * stops (the furthest point it could read to), the message says what would have been accepted there.
 */
class LsclInvalidInputTest {

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                Arguments.of("unterminated string", """
                        input {
                          file { path => "/var/log/x.log
                        }
                        """, 4, 1, "expected a closing \" for the string that starts at line 2, column 18, found end of input"),
                Arguments.of("missing => after an attribute name", """
                        filter {
                          grok {
                            match {
                              "message" => "%{COMBINEDAPACHELOG}"
                            }
                          }
                        }
                        """, 3, 11, "expected \"=>\" after the attribute name \"match\", found \"{\""),
                Arguments.of("missing closing brace", "input {\n  stdin { }\n", 3, 1,
                        "expected \"if\", a plugin or \"}\" to close the input section at line 1, column 1,"
                                + " found end of input"),
                Arguments.of("bad section name", "inptu { stdin {} }", 1, 1,
                        "expected a section (input, filter or output), found \"inptu\""),
                Arguments.of("section name with a suffix", "inputs { stdin {} }", 1, 6,
                        "expected \"{\" after the section name \"input\", found \"s\""),
                Arguments.of("else without if", "filter {\n  else {\n    mutate { }\n  }\n}\n", 3, 12,
                        "expected \"=>\" after the attribute name \"mutate\" (an \"else\" that follows no if block"
                                + " reads as a plugin named \"else\"), found \"{\""),
                Arguments.of("else after the section", "filter { if [a] { } } else { }", 1, 23,
                        "expected a section (input, filter or output), found \"else\""),
                Arguments.of("bad operator", "filter {\n  if [a] = \"b\" {\n  }\n}\n", 2, 10,
                        "expected an operator or \"{\" after the condition, found \"=\""),
                Arguments.of("not without in", "filter { if [a] not [b] { } }", 1, 21,
                        "expected \"in\" after \"not\", found \"[\""),
                Arguments.of("unterminated regexp", "filter { if [a] =~ /unterminated {\n  drop {}\n} }", 3, 4,
                        "expected a closing / for the regexp that starts at line 1, column 20, found end of input"),
                Arguments.of("regexp match against a field", "filter { if [a] =~ [b] { } }", 1, 20,
                        "expected a /regexp/ or a string after \"=~\", found \"[\""),
                Arguments.of("stray closing brace", "output { stdout {} } }", 1, 22,
                        "expected a section (input, filter or output), found \"}\""),
                Arguments.of("stray character", "input { stdin { } } @", 1, 21,
                        "expected a section (input, filter or output), found \"@\""),
                Arguments.of("empty attribute value", "filter {\n  mutate {\n    add_tag =>\n  }\n}\n", 4, 3,
                        "expected a value for the attribute \"add_tag\", found \"}\""),
                Arguments.of("trailing comma in a list", "filter { mutate { add_tag => [\"a\", \"b\",] } }", 1, 40,
                        "expected a value after \",\" in the list, found \"]\""),
                Arguments.of("list without commas", "filter { x { a => [1 2] } }", 1, 22,
                        "expected \",\" or \"]\" to close the list at line 1, column 19, found \"2\""),
                Arguments.of("one-letter bareword value", "filter { mutate { x => y } }", 1, 26,
                        "expected \"{\" after \"y\" (read as a codec name: a bare word value needs two characters at"
                                + " least and only letters, digits or _; otherwise quote it), found \"}\""),
                Arguments.of("one-letter hash key", "filter { grok { match => { a => 1 } } }", 1, 29,
                        "expected a letter, digit or _ to complete the bare word \"a\" (a bare word has two characters"
                                + " at least; quote it: \"a\"), found a space"),
                Arguments.of("commas between hash entries", "filter { x { h => { \"x\" => 1, \"y\" => 2 } } }", 1, 29,
                        "expected a hash key or \"}\" to close the hash at line 1, column 19, found \",\""),
                Arguments.of("= instead of => in a hash", "filter { x { a => { \"k\" = \"v\" } } }", 1, 25,
                        "expected \"=>\" after the hash key \"k\", found \"=\""),
                Arguments.of("attribute without a name", "filter { x { => 1 } }", 1, 14,
                        "expected an attribute or \"}\" to close the plugin \"x\" at line 1, column 10, found \"=>\""),
                Arguments.of("values not separated by whitespace", "filter { mutate { a => \"x\"b => \"y\" } }", 1, 27,
                        "expected \"}\" to close the plugin \"mutate\" at line 1, column 10, found \"b\""),
                Arguments.of("comment glued to a value", "filter { mutate { port => 5044# beats\n  id => \"x\" } }", 2, 3,
                        "expected \"}\" to close the plugin \"mutate\" at line 1, column 10 (a comment right after a value"
                                + " needs a space before its #), found \"id\""),
                Arguments.of("number with two points", "filter { x { a => 1.2.3 } }", 1, 22,
                        "expected \"}\" to close the plugin \"x\" at line 1, column 10, found \".\""),
                Arguments.of("backslash before the closing quote", "filter { x { a => \"abc\\\\\" } }", 1, 30,
                        "expected a closing \" for the string that starts at line 1, column 19 (a backslash before a"
                                + " quote escapes it, even after another backslash, so a string cannot end with a"
                                + " backslash), found end of input"),
                Arguments.of("string that ends too late", "filter { mutate { gsub => [\"a\", \"\\\\\", \"/\"] } }", 1, 40,
                        "expected \",\" or \"]\" to close the list at line 1, column 27, found \"/\" (did the string at"
                                + " line 1, column 33 end too late? a backslash before a quote escapes it, even after"
                                + " another backslash, so a string cannot end with a backslash)"),
                Arguments.of("missing condition after else if", "filter { if [a] { } else if { } }", 1, 29,
                        "expected a value (a field reference, string, number, list or /regexp/) after \"if\","
                                + " found \"{\""),
                Arguments.of("dangling boolean operator", "filter { if ([a] == 1 or ) { } }", 1, 26,
                        "expected a value (a field reference, string, number, list or /regexp/) after \"or\","
                                + " found \")\""),
                Arguments.of("unclosed parenthesis", "filter { if ([a] { } }", 1, 18,
                        "expected an operator or \")\" to close the parenthesis at line 1, column 13, found \"{\""),
                Arguments.of("unclosed field reference", "filter { if [a {} }", 1, 20,
                        "expected \"]\" to close the field reference at line 1, column 13, found end of input"),
                Arguments.of("bare word in a condition", "filter { if foo { } }", 1, 17,
                        "expected \"(\" after \"foo\" (a field is written [foo], a text \"foo\"), found \"{\""),
                Arguments.of("negated bare word", "filter { if !foo { } }", 1, 14,
                        "expected \"(\" or a field reference after \"!\", found \"foo\""),
                Arguments.of("unclosed method call", "filter { if size([a] { } }", 1, 22,
                        "expected \",\" or \")\" to close the call of size() at line 1, column 13, found \"{\""),
                Arguments.of("else followed by a condition", "filter { if [a] { } else [b] { } }", 1, 26,
                        "expected \"if\" or \"{\" after \"else\", found \"[\""),
                Arguments.of("unclosed section before the next", "filter { x { a => 1 }\noutput { y {} }\n", 2, 12,
                        "expected \"=>\" after the attribute name \"y\" (\"output\" reads as a plugin here: is a \"}\""
                                + " missing before it?), found \"{\""),
                Arguments.of("columns count characters, not UTF-16 units", "filter {\n  x { a => \"🚀🚀\" b => } }", 2, 22,
                        "expected a value for the attribute \"b\", found \"}\""),
                Arguments.of("a very long line", "filter { " + "x { } ".repeat(10_000) + "y => 1 }", 1, 60_012,
                        "expected \"{\" after the plugin name \"y\", found \"=>\""),
                Arguments.of("quote inside a quoted string", "filter {\n  mutate { a => 'it''s' }\n}\n", 2, 21,
                        "expected \"}\" to close the plugin \"mutate\" at line 2, column 3, found \"'\""),
                // The next three are configurations reported in Logstash's issue tracker, with the position
                // Logstash gave (same column; the lines before the section were left out).
                Arguments.of("Logstash #3126: input section left open", """
                        input {
                        lumberjack {
                           port => 5000
                           type => "syslog"
                        }
                        filter {
                         if [type] == "syslog" {
                            date { match => ["timestamp", "MMM dd HH:mm:ss"] }
                          }
                        }
                        """, 7, 5, "expected \"=>\" after the attribute name \"if\" (\"filter\" reads as a plugin here:"
                        + " is a \"}\" missing before it?), found \"[\""),
                Arguments.of("pfelk #40: missing comma in a list", """
                        filter {
                          if "pf" in [tags] {
                            grok {
                              match => [ "message" "%{SYSLOGLINE}" ]
                            }
                          }
                        }
                        """, 4, 28, "expected \",\" or \"]\" to close the list at line 4, column 16, found \"\"\""),
                Arguments.of("Logstash #12495: byte order mark", "\uFEFFinput { stdin { } }", 1, 1,
                        "expected a section (input, filter or output), found the invisible character U+FEFF"),
                Arguments.of("nesting too deep", "filter { x { a => " + "[".repeat(200) + " } }", 1, 117,
                        "nesting deeper than 100 levels (blocks, lists, hashes and parentheses together); this parser"
                                + " refuses it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void reportsTheFirstErrorWithItsPosition(String name, String text, int line, int column, String message) {
        ParseResult result = Lscl.parse(text);

        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        SyntaxError error = ((ParseResult.Invalid) result).errors().getFirst();
        assertThat(error).isEqualTo(new SyntaxError(line, column, message));
        assertThat(error.toString()).isEqualTo("line " + line + ", column " + column + ": " + message);
    }
}
