package org.mesoslogstash.onemachine.options;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the command line of {@code bin/mesos-logstash}: {@code --name value} or {@code --name=value}.
 * Every problem is an {@link OptionError} naming the option, the value and what would be accepted.
 * Pure apart from checking that configuration directories exist.
 */
public final class OptionsParser {

    /** The UI's port unless told otherwise: 8080 is taken on many development machines. */
    public static final int DEFAULT_PORT = 8480;
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_STORE_PORT = 9200;
    public static final String DEFAULT_STORE_HEAP = "512m";

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[mMgG]");

    /** The outcome: options to run with, or the wish to see {@link #help()}. */
    public sealed interface Parsed permits Run, Help {
    }

    public record Run(Options options) implements Parsed {
    }

    public record Help() implements Parsed {
    }

    private final Path defaultData;

    /** @param defaultData the data directory when {@code --data} is not given ({@code ~/.mesos-logstash}) */
    public OptionsParser(Path defaultData) {
        this.defaultData = defaultData;
    }

    public Parsed parse(List<String> args) throws OptionError {
        int port = DEFAULT_PORT;
        String bind = DEFAULT_BIND;
        Path data = defaultData;
        List<Path> configurations = new ArrayList<>();
        boolean examples = true;
        Optional<URI> elasticsearch = Optional.empty();
        int storePort = DEFAULT_STORE_PORT;
        String storeHeap = DEFAULT_STORE_HEAP;
        Optional<String> users = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Help();
            }
            if (!arg.startsWith("--")) {
                throw new OptionError("unexpected argument '" + arg + "': options start with --; see --help");
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (name.equals("--no-examples")) {
                if (value != null) {
                    throw new OptionError("--no-examples takes no value, was given '" + value + "'");
                }
                examples = false;
                continue;
            }
            if (!isValued(name)) {
                throw new OptionError("unknown option " + name + "; see --help for the options");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new OptionError(name + " needs a value; see --help");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--port" -> port = port(name, value);
                case "--bind" -> bind = nonBlank(name, value, "an address to listen on, e.g. 127.0.0.1 or 0.0.0.0");
                case "--data" -> data = Path.of(nonBlank(name, value, "a directory"));
                case "--configurations" -> configurations.add(directory(name, value));
                case "--elasticsearch" -> elasticsearch = Optional.of(elasticsearch(name, value));
                case "--store-port" -> storePort = port(name, value);
                case "--store-heap" -> storeHeap = heap(name, value);
                case "--users" -> users = Optional.of(nonBlank(name, value, "name:role:password,... (docs/scheduler.md, Security)"));
                default -> throw new IllegalStateException("valued option without a case: " + name);
            }
        }
        if (!examples && configurations.isEmpty()) {
            throw new OptionError("--no-examples leaves no configuration to collect by: give --configurations <dir> too");
        }
        if (elasticsearch.isEmpty() && storePort == port) {
            throw new OptionError("--store-port " + storePort + " is also the UI's --port: give them different ports");
        }
        return new Run(new Options(port, bind, data.toAbsolutePath().normalize(), configurations, examples, elasticsearch,
                storePort, storeHeap, users));
    }

    private static boolean isValued(String name) {
        return List.of("--port", "--bind", "--data", "--configurations", "--elasticsearch", "--store-port", "--store-heap", "--users")
                .contains(name);
    }

    /** The text of {@code --help}: every option with its default. */
    public String help() {
        return """
                Usage: bin/mesos-logstash [options]

                Runs mesos-logstash on this machine without a Mesos cluster: a ZooKeeper, a Mesos master and one
                agent for this host (the simulator), the scheduler with its web UI, and the executor, which collects
                the logs of this host's Docker containers as the configurations say and writes them into
                Elasticsearch, or into an embedded OpenSearch node. Ctrl-C stops everything. See docs/one-machine.md.

                Options (default in brackets):
                  --port <port>             the web UI and REST API port [%d]
                  --bind <address>          the address the web UI listens on [%s]
                  --data <dir>              checkpoints, the embedded store's data and the logs [%s]
                  --configurations <dir>    your own <name>.conf configurations, in addition to the examples;
                                            may be given several times [none]
                  --no-examples             leave out the example configurations (examples/one-machine) [used]
                  --elasticsearch <url>     write the logs into this Elasticsearch or OpenSearch, e.g.
                                            http://user:password@es.example:9200 [none: the embedded store]
                  --store-port <port>       the embedded store's HTTP port [%d]
                  --store-heap <size>       the embedded store's JVM heap, e.g. 512m or 1g [%s]
                  --users <users>           the UI's users, name:role:password,... (docs/scheduler.md, Security)
                                            [an operator 'admin' with a password generated at each start]
                  --help                    this text
                """.formatted(DEFAULT_PORT, DEFAULT_BIND, defaultData, DEFAULT_STORE_PORT, DEFAULT_STORE_HEAP);
    }

    private static int port(String name, String value) throws OptionError {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new OptionError(name + " '" + value + "': expected a TCP port, 1 to 65535");
    }

    private static String heap(String name, String value) throws OptionError {
        if (!HEAP.matcher(value).matches()) {
            throw new OptionError(name + " '" + value + "': expected a JVM heap size such as 512m or 1g");
        }
        return value;
    }

    private static String nonBlank(String name, String value, String expected) throws OptionError {
        if (value.isBlank()) {
            throw new OptionError(name + " is empty: expected " + expected);
        }
        return value;
    }

    private static Path directory(String name, String value) throws OptionError {
        Path dir = Path.of(nonBlank(name, value, "a directory of <name>.conf files")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new OptionError(name + " '" + value + "': not a directory (expected a directory of <name>.conf files)");
        }
        return dir;
    }

    private static URI elasticsearch(String name, String value) throws OptionError {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new OptionError(name + " '" + value + "': not a URL (" + e.getReason() + "); expected http(s)://host:port");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new OptionError(name + " '" + value + "': expected an http:// or https:// URL with a host, e.g. http://es.example:9200");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new OptionError(name + " '" + value + "': a query or fragment is not allowed; expected http(s)://host:port[/path]");
        }
        return uri;
    }
}
