package org.mesoslogstash.executor.sink.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link BulkHttp} over {@link HttpClient} (HTTP/1.1, as Elasticsearch speaks it), with basic
 * authentication and TLS from the options. The answer's body is read whole: with
 * {@code filter_path} it holds only each item's status and error.
 */
final class JdkBulkHttp implements BulkHttp {

    /** Only what the sink reads: whether anything failed, and each item's status and error. */
    static final String BULK_PATH = "/_bulk?filter_path=errors,items.*.status,items.*.error";

    private final HttpClient client;
    private final ExecutorService executor;
    private final Duration requestTimeout;
    private final String authorization;

    JdkBulkHttp(ElasticsearchSinkOptions options) {
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("elasticsearch-http-", 0).factory());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .executor(executor);
        if (options.hosts().stream().anyMatch(host -> "https".equals(host.getScheme()))) {
            builder.sslContext(sslContext(options.trustStore(), options.trustStorePassword()));
        }
        this.client = builder.build();
        this.requestTimeout = options.requestTimeout();
        this.authorization = options.username() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (options.username() + ":" + (options.password() == null ? "" : options.password())).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Reply post(URI host, BulkItems.Body body) throws IOException, InterruptedException {
        String base = host.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + BULK_PATH))
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes(), body.offset(), body.length()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        client.shutdownNow();
        executor.shutdownNow();
    }

    /**
     * The JVM's trusted CAs, or those of a PKCS12 trust store.
     *
     * @throws IllegalArgumentException when the trust store cannot be loaded, naming it and why
     */
    static SSLContext sslContext(Path trustStore, String password) {
        try {
            if (trustStore == null) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(trustStore)) {
                trusted.load(in, password == null ? null : password.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }
}
