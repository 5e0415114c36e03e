package io.jk8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jk8s.api.testing.KubectlServer;
import io.jk8s.testing.Kubectl;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads as kube-apiserver encodes them: objects served from their stored JSON with the
 * resourceVersion put back, and gzip for bodies over 128 KiB when the client accepts it.
 */
class ResponseEncodingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

    @RegisterExtension
    static final KubectlServer cluster = new KubectlServer();

    @BeforeAll
    static void bigConfigMaps() {
        String value = "x".repeat(50 * 1024);
        for (int i = 1; i <= 3; i++) {
            cluster.server().send("POST", CONFIGMAPS, null, "{\"metadata\":{\"name\":\"big-" + i + "\",\"labels\":{\"n\":\"" + i
                    + "\"}},\"data\":{\"v\":\"" + value + "\"}}");
        }
        cluster.server().send("POST", "/api/v1/namespaces", null, "{\"metadata\":{\"name\":\"empty-meta\"}}");
    }

    @Test
    void largeListIsGzippedWhenAccepted() throws Exception {
        HttpResponse<byte[]> zipped = get(CONFIGMAPS, "deflate, gzip");
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        assertEquals("Accept-Encoding", zipped.headers().firstValue("Vary").orElse(""));
        assertTrue(zipped.body().length < 16 * 1024, "compressed size " + zipped.body().length);
        JsonNode list = JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(zipped.body())));
        assertEquals("ConfigMapList", list.get("kind").asText());
        assertEquals(3, list.get("items").size());

        HttpResponse<byte[]> plain = get(CONFIGMAPS, null);
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(list, JSON.readTree(plain.body()));
        // "gzip" with parameters is not the bare token kube looks for
        assertFalse(get(CONFIGMAPS, "gzip;q=1").headers().firstValue("Content-Encoding").isPresent());
    }

    @Test
    void kubectlReadsTheGzippedList() {
        Kubectl.Result result = cluster.kubectl().run("get", "cm", "-o", "name", "-v=8").assertSuccess();
        assertEquals("configmap/big-1\nconfigmap/big-2\nconfigmap/big-3\n", result.out());
        // Go's transport asks for gzip by itself and, decompressing, drops Content-Encoding; Vary stays
        assertTrue(result.err().contains("Vary: Accept-Encoding"), result.err());
    }

    @Test
    void smallBodiesAreNeverCompressed() throws Exception {
        HttpResponse<byte[]> one = get(CONFIGMAPS + "/big-1", "gzip");
        assertFalse(one.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(50 * 1024, JSON.readTree(one.body()).at("/data/v").asText().length());
        HttpResponse<byte[]> selected = get(CONFIGMAPS + "?labelSelector=n%3D2", "gzip");
        assertFalse(selected.headers().firstValue("Content-Encoding").isPresent());
        assertEquals("big-2", JSON.readTree(selected.body()).at("/items/0/metadata/name").asText());
    }

    /** The JDK's client asks for h2c on a cleartext connection; kube-apiserver stays on HTTP/1.1, and so do we. */
    @Test
    void cleartextUpgradesToHttp2AreDeclined() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<byte[]> list = get(CONFIGMAPS, null);
            assertEquals(HttpClient.Version.HTTP_1_1, list.version());
            assertEquals(3, JSON.readTree(list.body()).get("items").size());
        }
    }

    @Test
    void servedObjectsCarryTheirRevisionAsResourceVersion() throws Exception {
        JsonNode list = JSON.readTree(get(CONFIGMAPS, null).body());
        long listRevision = list.at("/metadata/resourceVersion").asLong();
        for (JsonNode item : list.get("items")) {
            JsonNode single = JSON.readTree(get(CONFIGMAPS + "/" + item.at("/metadata/name").asText(), null).body());
            assertEquals(item, single);
            long rv = item.at("/metadata/resourceVersion").asLong();
            assertTrue(rv > 0 && rv <= listRevision, item.at("/metadata").toString());
            assertEquals("ConfigMap", single.get("kind").asText());
            assertEquals("default", single.at("/metadata/namespace").asText());
        }
        JsonNode namespace = JSON.readTree(get("/api/v1/namespaces/empty-meta", null).body());
        assertTrue(namespace.at("/metadata/resourceVersion").asLong() > 0, namespace.toString());
        assertEquals("empty-meta", namespace.at("/metadata/name").asText());
    }

    private static HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.server().url() + path));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
