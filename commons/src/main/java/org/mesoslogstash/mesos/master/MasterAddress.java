package org.mesoslogstash.mesos.master;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where to find the Mesos masters, as an operator writes it: either
 * {@code zk://host:port[,host:port...]/path} (the leader is read from ZooKeeper) or a comma-separated
 * list of {@code http(s)://host:port} master URLs (the leader is found by asking them in turn).
 *
 * <p>{@link #parse(String)} rejects anything else with a message that names the value and what would
 * be accepted, so a typo fails at start-up rather than as an endless reconnect loop.
 */
public sealed interface MasterAddress permits MasterAddress.Urls, MasterAddress.ZooKeeper {

    String ACCEPTED = "expected zk://host:port[,host:port...]/path or http(s)://host:port[,http(s)://host:port...]";

    static MasterAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "it is empty");
        }
        String trimmed = text.strip();
        if (trimmed.regionMatches(true, 0, "zk://", 0, 5)) {
            return ZooKeeper.parse(trimmed);
        }
        return Urls.parse(trimmed);
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("Invalid Mesos master address '" + text + "': " + problem + "; " + ACCEPTED);
    }

    /** Master base URLs ({@code scheme://host:port}, no path), tried in the given order. */
    record Urls(List<URI> masters) implements MasterAddress {

        public Urls {
            masters = List.copyOf(masters);
            if (masters.isEmpty()) {
                throw new IllegalArgumentException("at least one master URL is required");
            }
        }

        static Urls parse(String text) {
            List<URI> masters = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                String url = part.strip();
                if (url.isEmpty()) {
                    throw invalid(text, "it has an empty entry between commas");
                }
                masters.add(parseUrl(text, url));
            }
            return new Urls(masters);
        }

        private static URI parseUrl(String text, String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw invalid(text, "'" + url + "' is not a URL (" + e.getReason() + ")");
            }
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw invalid(text, "'" + url + "' does not start with http:// or https://");
            }
            if (uri.getHost() == null) {
                throw invalid(text, "'" + url + "' has no host name");
            }
            if (uri.getPort() < 1) {
                throw invalid(text, "'" + url + "' has no port (Mesos masters usually listen on 5050)");
            }
            String path = uri.getRawPath();
            if (path != null && !path.isEmpty() && !path.equals("/")) {
                throw invalid(text, "'" + url + "' has a path; give only scheme, host and port");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw invalid(text, "'" + url + "' has user info, a query or a fragment; give only scheme, host and port");
            }
            return URI.create(scheme.toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority());
        }
    }

    /** A ZooKeeper ensemble ({@code host:port,host:port}) and the znode the masters register under. */
    record ZooKeeper(String connectString, String path) implements MasterAddress {

        public ZooKeeper {
            Objects.requireNonNull(connectString, "connectString");
            Objects.requireNonNull(path, "path");
        }

        static ZooKeeper parse(String text) {
            String rest = text.substring("zk://".length());
            if (rest.contains("@")) {
                throw invalid(text, "credentials in the ZooKeeper URL are not supported");
            }
            int slash = rest.indexOf('/');
            if (slash < 0) {
                throw invalid(text, "it has no znode path (Mesos usually registers under /mesos)");
            }
            String hosts = rest.substring(0, slash);
            String path = rest.substring(slash);
            while (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (path.equals("/")) {
                throw invalid(text, "the znode path is empty (Mesos usually registers under /mesos)");
            }
            if (path.contains("//")) {
                throw invalid(text, "the znode path '" + path + "' has an empty element");
            }
            if (hosts.isEmpty()) {
                throw invalid(text, "it names no ZooKeeper host");
            }
            for (String host : hosts.split(",", -1)) {
                checkHostPort(text, host);
            }
            return new ZooKeeper(hosts, path);
        }

        private static void checkHostPort(String text, String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (hostPort.isEmpty() || colon == 0) {
                throw invalid(text, "it has an empty ZooKeeper host");
            }
            if (colon < 0) {
                throw invalid(text, "ZooKeeper host '" + hostPort + "' has no port (ZooKeeper usually listens on 2181)");
            }
            String port = hostPort.substring(colon + 1);
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65535) {
                throw invalid(text, "ZooKeeper host '" + hostPort + "' has port '" + port + "', expected 1-65535");
            }
        }
    }
}
