package org.mesoslogstash.config.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.ContainerInput;
import org.mesoslogstash.config.Problem;

class ConfigurationValidatorTest {

    private final ConfigurationValidator strict = new ConfigurationValidator(PluginPolicy.strict());

    private static final String NGINX = """
            input {
              container {
                image => ["nginx", "nginx:1.*"]
                labels => { "tier" => "web" }
                marathon_app => "/web/*"
                path => "/var/log/nginx/access.log"
                type => "nginx-access"
                tags => ["web"]
              }
              container { mesos_task => "web.*" console => true }
            }
            filter { grok { match => { "message" => "%{COMBINEDAPACHELOG}" } } }
            output { elasticsearch { hosts => ["http://es:9200"] } }
            """;

    @Test
    void readsEveryContainerInputWithItsCriteriaAndDecoration() {
        ConfigurationValidator.Valid valid = (ConfigurationValidator.Valid) strict.validate(new Configuration("nginx", NGINX));

        List<ContainerInput> inputs = valid.configuration().containers();
        assertThat(inputs).hasSize(2);
        ContainerInput first = inputs.get(0);
        assertThat(first.id()).isEqualTo("nginx#1");
        assertThat(first.configuration()).isEqualTo("nginx");
        assertThat(first.images()).containsExactly("nginx", "nginx:1.*");
        assertThat(first.labels()).isEqualTo(Map.of("tier", "web"));
        assertThat(first.marathonApp()).isEqualTo("/web/*");
        assertThat(first.mesosTask()).isNull();
        assertThat(first.paths()).containsExactly("/var/log/nginx/access.log");
        assertThat(first.console()).isFalse();
        assertThat(first.decoration()).extracting(a -> a.name()).containsExactly("type", "tags");
        ContainerInput second = inputs.get(1);
        assertThat(second.id()).isEqualTo("nginx#2");
        assertThat(second.mesosTask()).isEqualTo("web.*");
        assertThat(second.console()).isTrue();
        assertThat(second.paths()).isEmpty();
        assertThat(valid.problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown option          | input { container { image => "x" paht => "/a" } }              | 1 | 34 | the container input has no option "paht"; it knows image, labels, marathon_app, mesos_task, path, console, multiline, type, tags, add_field
            option twice            | input { container { path => "/a" path => "/b" } }             | 1 | 34 | the option "path" is given twice
            relative path           | input { container { path => "var/log/x.log" } }              | 1 | 21 | path "var/log/x.log" must be an absolute path inside the container, like /var/log/app.log
            path of numbers         | input { container { path => [1, 2] } }                       | 1 | 21 | the option "path" must be a string or an array of strings
            console not boolean     | input { container { console => "yes" } }                    | 1 | 21 | the option "console" must be true or false
            labels not a hash       | input { container { labels => "tier" console => true } }     | 1 | 21 | the option "labels" must be a hash of strings, like { "tier" => "web" }
            label value not string  | input { container { labels => { "a" => 1 } console => true } } | 1 | 33 | the value of "a" in labels must be a string
            bad image pattern       | input { container { image => "Nginx!" console => true } }    | 1 | 21 | invalid image pattern 'Nginx!': it may contain only letters, digits, '.', '_', '-', '/', ':', '@', '*' and '?'
            collects nothing        | input { container { image => "nginx" } }                     | 1 | 9  | the container input collects nothing: give it a path, or console => true
            container as filter     | input { stdin {} } filter { container { path => "/a" } }     | 1 | 29 | "container" is an input; it cannot be used as a filter
            container as codec      | input { stdin { codec => container {} } }                    | 1 | 26 | "container" is an input; it cannot be used as a codec
            exec input              | input { exec { command => "rm -rf /" interval => 1 } }      | 1 | 9  | the input plugin "exec" runs a command on the agent and is refused; the scheduler option MESOS_LOGSTASH_ALLOWED_PLUGINS can allow it
            ruby filter             | input { stdin {} } filter { ruby { code => "x" } }           | 1 | 29 | the filter plugin "ruby" runs Ruby code on the agent and is refused; the scheduler option MESOS_LOGSTASH_ALLOWED_PLUGINS can allow it
            file output             | input { stdin {} } output { file { path => "/etc/x" } }      | 1 | 29 | the output plugin "file" writes to any path of the agent and is refused; the scheduler option MESOS_LOGSTASH_ALLOWED_PLUGINS can allow it
            pipe output             | input { stdin {} } output { pipe { command => "sh" } }       | 1 | 29 | the output plugin "pipe" runs a command on the agent and is refused; the scheduler option MESOS_LOGSTASH_ALLOWED_PLUGINS can allow it
            pipeline input          | input { pipeline { address => "x" } }                        | 1 | 9  | the input plugin "pipeline" is refused: mesos-logstash connects the pipelines itself (docs/configurations.md)
            no input                | filter { mutate {} }                                         | 0 | 0  | the configuration has no input: add a container input (docs/configurations.md)
            multiline grok pattern  | input { container { console => true multiline => { pattern => "^%{SPACE}" what => "previous" } } } | 1 | 52 | multiline pattern "^%{SPACE}" uses a grok pattern; the collector joins lines on the agent with a plain regular expression, e.g. "^\\s" instead of "^%{SPACE}"
            multiline bad regexp    | input { container { console => true multiline => { pattern => "(" what => "next" } } } | 1 | 52 | multiline pattern "(" is not a regular expression: Unclosed group
            multiline without what  | input { container { console => true multiline => { pattern => "^x" } } } | 1 | 37 | multiline needs what => "previous" or "next"
            multiline bad what      | input { container { console => true multiline => { pattern => "^x" what => "after" } } } | 1 | 68 | multiline what must be "previous" or "next"
            multiline unknown key   | input { container { console => true multiline => { pattern => "^x" what => "next" negat => true } } } | 1 | 83 | multiline has no option "negat"; it knows pattern, negate, what, max_lines, auto_flush_interval
            syntax                  | input { container { path => "/a" }                           | 1 | 35 | expected "if", a plugin or "}" to close the input section at line 1, column 1, found end of input
            """)
    void refusesWithTheProblemAndItsPosition(String title, String text, int line, int column, String message) {
        ConfigurationValidator.Result result = strict.validate(new Configuration("app", text));

        assertThat(result).as(title).isInstanceOf(ConfigurationValidator.Invalid.class);
        assertThat(result.problems()).filteredOn(Problem::isError).containsExactly(new Problem(Problem.Severity.ERROR, line, column, message));
    }

    @Test
    void multilineTakesTheTermsOfLogstashsMultilineCodec() {
        ConfigurationValidator.Valid valid = (ConfigurationValidator.Valid) strict.validate(new Configuration("java", """
                input {
                  container {
                    path => "/app/logs/app.log"
                    multiline => { pattern => "^\\s" negate => false what => "previous" max_lines => 200 auto_flush_interval => 2 }
                  }
                }
                """));

        assertThat(valid.configuration().containers().get(0).multiline())
                .isEqualTo(new ContainerInput.Multiline("^\\s", false, ContainerInput.Multiline.What.PREVIOUS, 200, 2));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String text = """
                input {
                  container { path => "relative" }
                  exec { command => "id" }
                }
                output { fancy_output {} }
                """;

        ConfigurationValidator.Result result = strict.validate(new Configuration("Bad Name", text));

        assertThat(result.problems()).extracting(Problem::toString).containsExactly(
                "error: the name \"Bad Name\" must be 1 to 64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit (it becomes the Logstash pipeline id)",
                "error at line 2, column 15: path \"relative\" must be an absolute path inside the container, like /var/log/app.log",
                "error at line 3, column 3: the input plugin \"exec\" runs a command on the agent and is refused; the scheduler option MESOS_LOGSTASH_ALLOWED_PLUGINS can allow it",
                "warning at line 5, column 10: \"fancy_output\" is not a output plugin that Logstash bundles; it must be installed in the executor image");
    }

    @Test
    void anUnknownPluginIsOnlyAWarning() {
        ConfigurationValidator.Result result = strict.validate(new Configuration("app",
                "input { container { console => true } } filter { grok2 {} } output { stdout { codec => fancy {} } }"));

        assertThat(result).isInstanceOf(ConfigurationValidator.Valid.class);
        assertThat(result.problems()).extracting(Problem::toString).containsExactly(
                "warning at line 1, column 50: \"grok2\" is not a filter plugin that Logstash bundles; it must be installed in the executor image",
                "warning at line 1, column 88: \"fancy\" is not a codec plugin that Logstash bundles; it must be installed in the executor image");
    }

    @Test
    void aPluginThatRunsCodeIsAcceptedOnceTheOperatorAllowsIt() {
        Configuration withRuby = new Configuration("app", "input { container { console => true } } filter { ruby { code => \"event.cancel\" } }");

        assertThat(strict.validate(withRuby)).isInstanceOf(ConfigurationValidator.Invalid.class);
        assertThat(new ConfigurationValidator(new PluginPolicy(Set.of("ruby"))).validate(withRuby)).isInstanceOf(ConfigurationValidator.Valid.class);
    }

    @Test
    void namesOfItsOwnPipelinesAreReserved() {
        ConfigurationValidator.Result result = strict.validate(new Configuration("mesos-logstash-router", "input { container { console => true } }"));

        assertThat(result.problems()).extracting(Problem::toString).containsExactly(
                "error: the name \"mesos-logstash-router\" may not start with \"mesos-logstash-\": mesos-logstash names its own pipelines so");
    }
}
