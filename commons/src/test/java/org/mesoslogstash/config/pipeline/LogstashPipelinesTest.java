package org.mesoslogstash.config.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.config.Configuration;
import org.mesoslogstash.config.ValidatedConfiguration;
import org.mesoslogstash.config.validation.ConfigurationValidator;
import org.mesoslogstash.config.validation.PluginPolicy;
import org.mesoslogstash.lscl.Lscl;
import org.mesoslogstash.lscl.ParseResult;

class LogstashPipelinesTest {

    private static ValidatedConfiguration valid(String name, String text) {
        return ((ConfigurationValidator.Valid) new ConfigurationValidator(PluginPolicy.strict()).validate(new Configuration(name, text))).configuration();
    }

    private static final ValidatedConfiguration NGINX = valid("nginx", """
            input {
              container { image => "nginx" path => "/var/log/nginx/access.log" type => "nginx-access" tags => ["web"] }
              container { image => "nginx" path => "/var/log/nginx/error.log" add_field => { "log_kind" => "error" } }
              container { image => "nginx" console => true }
            }
            filter { grok { match => { "message" => "%{COMBINEDAPACHELOG}" } } }
            output { elasticsearch { hosts => ["http://es:9200"] index => "nginx-%{+YYYY.MM.dd}" } }
            """);

    private static final ValidatedConfiguration SYSLOG = valid("syslog", """
            input { syslog { port => 5514 } }
            output { stdout {} }
            """);

    @Test
    void theRouterSendsEachEventToTheConfigurationsItsMetadataNames() {
        Map<String, String> pipelines = LogstashPipelines.generate(List.of(NGINX, SYSLOG), "127.0.0.1", 5044);

        assertThat(pipelines.keySet()).containsExactly("mesos-logstash-router", "nginx", "syslog");
        assertThat(pipelines.get("mesos-logstash-router")).isEqualTo("""
                input {
                  beats {
                    host => "127.0.0.1"
                    port => 5044
                  }
                }

                output {
                  if "nginx" in [@metadata][mesos_logstash][pipelines] {
                    pipeline {
                      send_to => ["mesos-logstash-nginx"]
                    }
                  }
                }
                """);
    }

    @Test
    void containerInputsBecomeOnePipelineInputAndTheirOptionsAConditionalMutate() {
        String nginx = LogstashPipelines.generate(List.of(NGINX), "127.0.0.1", 5044).get("nginx");

        assertThat(nginx).isEqualTo("""
                input {
                  pipeline {
                    address => "mesos-logstash-nginx"
                  }
                }

                filter {
                  if "nginx#1" in [@metadata][mesos_logstash][rules] {
                    mutate {
                      add_field => {
                        "type" => "nginx-access"
                      }
                      add_tag => ["web"]
                    }
                  }
                  if "nginx#2" in [@metadata][mesos_logstash][rules] {
                    mutate {
                      add_field => {
                        "log_kind" => "error"
                      }
                    }
                  }
                }

                filter {
                  grok {
                    match => {
                      "message" => "%{COMBINEDAPACHELOG}"
                    }
                  }
                }

                output {
                  elasticsearch {
                    hosts => ["http://es:9200"]
                    index => "nginx-%{+YYYY.MM.dd}"
                  }
                }
                """);
        assertThat(Lscl.parse(nginx)).isInstanceOf(ParseResult.Parsed.class);
    }

    @Test
    void aConfigurationWithoutContainerInputsKeepsItsInputsAndIsNotRouted() {
        Map<String, String> pipelines = LogstashPipelines.generate(List.of(SYSLOG), "127.0.0.1", 5044);

        assertThat(pipelines.keySet()).containsExactly("syslog");
        assertThat(pipelines.get("syslog")).startsWith("""
                input {
                  syslog {
                    port => 5514
                  }
                }
                """);
    }
}
