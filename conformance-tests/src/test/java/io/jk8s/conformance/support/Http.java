package io.jk8s.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP as a user's browser or curl on this machine would do it (pod IPs, forwarded ports, kubectl proxy). */
public final class Http {

    /**
     * HTTP/1.1, as curl speaks to a cleartext server: the JDK's default asks it to upgrade to h2c,
     * which kubectl proxy takes for a protocol switch and then refuses the ordinary 200 it gets back.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {}

    /** The body of a GET, whatever the status. */
    public static String get(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
