package org.mesoslogstash.onemachine.lifecycle;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.mesoslogstash.onemachine.collection.CollectorSettings;

/**
 * What the user sees once everything is up: where the UI is and how to log in, where the logs go
 * and a search to paste, what is collected, where data and logs are, and how to stop.
 *
 * @param hostname          the agent's host name
 * @param took              from start until the executor ran
 * @param ui                the UI's URL
 * @param user              the user to log in as
 * @param password          its password, if this run generated it
 * @param store             the store's URL, without credentials
 * @param storeUser         the store's user, if its URL had one
 * @param embeddedStoreData the embedded store's directory; empty for an Elasticsearch of the user's
 * @param configurations    the configurations' names
 * @param data              the data directory
 * @param logs              the directory of this process's and the scheduler's logs
 * @param executorSandbox   the executor's sandbox (its stdout and stderr)
 */
public record Banner(String hostname, Duration took, URI ui, String user, Optional<String> password, URI store,
                     Optional<String> storeUser, Optional<Path> embeddedStoreData, List<String> configurations, Path data, Path logs,
                     Optional<Path> executorSandbox) {

    public String text() {
        String login = password.map(p -> "user " + user + ", password " + p).orElse("user " + user + " (password as given in --users)");
        String storeKind = embeddedStoreData.map(d -> "embedded OpenSearch, data in " + d).orElse("your Elasticsearch");
        String base = store.toString().replaceAll("/+$", "");
        String credentials = storeUser.map(u -> "-u " + u + " ").orElse("");
        String search = "curl -s " + credentials + "'" + base + "/" + CollectorSettings.INDEX_GLOB
                + "/_search?q=*&sort=@timestamp:desc&size=10&pretty'";
        String byContainer = "curl -s " + credentials + "'" + base + "/" + CollectorSettings.INDEX_GLOB
                + "/_search?q=container.name.keyword:NAME&sort=@timestamp:desc&pretty'";
        return """

                mesos-logstash runs on %s (one machine, no Mesos cluster); up in %d s.

                  Web UI          %s   (%s)
                  Logs go to      %s   (%s)
                  Latest lines    %s
                  One container   %s
                  Configurations  %s (edit them in the UI; files are read again at the next start)
                  Data            %s (checkpoints; kept across runs)
                  Logs            %s (one-machine.log, scheduler.log)%s

                Ctrl-C stops everything.
                """.formatted(hostname, took.toSeconds(), ui, login, store, storeKind, search, byContainer, String.join(", ", configurations),
                data, logs, executorSandbox.map(s -> "\n                  Executor log    " + s.resolve("stderr")).orElse(""));
    }
}
