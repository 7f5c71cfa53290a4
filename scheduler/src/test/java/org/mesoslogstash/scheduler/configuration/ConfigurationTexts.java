package org.mesoslogstash.scheduler.configuration;

/** Configurations for the tests, as an operator would write them (docs/configurations.md). */
final class ConfigurationTexts {

    static final String NGINX = """
            input {
              container {
                image => "nginx"
                path  => "/var/log/nginx/access.log"
              }
            }
            output {
              stdout { }
            }
            """;

    static final String NGINX_V2 = """
            input {
              container {
                image => "nginx"
                path  => "/var/log/nginx/error.log"
              }
            }
            output {
              stdout { }
            }
            """;

    /** The exec input runs a command on the agent: refused at line 2, column 3 unless allowed. */
    static final String EXEC = """
            input {
              exec { command => "ls" interval => 10 }
            }
            """;

    /** A syntax error at line 3. */
    static final String BROKEN = """
            input {
              container {
                image => 
              }
            }
            """;

    private ConfigurationTexts() {
    }
}
