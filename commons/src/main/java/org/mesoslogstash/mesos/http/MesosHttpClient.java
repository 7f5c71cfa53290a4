package org.mesoslogstash.mesos.http;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client both Mesos API clients use. */
public final class MesosHttpClient {

    private MesosHttpClient() {
    }

    /**
     * HTTP/1.1, as Mesos' streaming endpoints want; redirects are left to the API clients, which
     * must follow a 307 to the leading master themselves.
     */
    public static HttpClient create(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }
}
