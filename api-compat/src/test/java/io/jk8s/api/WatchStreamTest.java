package io.jk8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jk8s.api.testing.TestApiServer;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch stream on the wire: event order, bookmarks, selector transitions, expiry. */
class WatchStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestApiServer server;

    @BeforeAll
    static void start() {
        server = TestApiServer.start(dir, Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eventsArriveInOrderWithBookmarks() throws Exception {
        String ns = createNamespace("order");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        String rv = listResourceVersion(base);
        try (Events events = watch(base + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + rv)) {
            JsonNode created = post(base, "{\"metadata\":{\"name\":\"w\"},\"data\":{\"a\":\"1\"}}");
            put(base + "/w", "{\"metadata\":{\"name\":\"w\"},\"data\":{\"a\":\"2\"}}");
            server.send("DELETE", base + "/w", null, null);

            JsonNode added = events.next("ADDED");
            assertEquals(created.at("/metadata/resourceVersion"), added.at("/object/metadata/resourceVersion"));
            JsonNode modified = events.next("MODIFIED");
            assertEquals("2", modified.at("/object/data/a").asText());
            JsonNode deleted = events.next("DELETED");
            assertTrue(rvOf(deleted) > rvOf(modified), "a DELETED event carries the deletion's revision");

            JsonNode bookmark = events.next("BOOKMARK");
            assertEquals("ConfigMap", bookmark.at("/object/kind").asText());
            assertEquals("v1", bookmark.at("/object/apiVersion").asText());
            assertTrue(rvOf(bookmark) >= rvOf(deleted));
            assertTrue(bookmark.at("/object/data").isMissingNode() && bookmark.at("/object/metadata/name").isMissingNode(),
                    bookmark.toString());
        }
    }

    @Test
    void watchWithoutResourceVersionStartsWithCurrentObjects() throws Exception {
        String ns = createNamespace("initial");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        post(base, "{\"metadata\":{\"name\":\"one\"}}");
        post(base, "{\"metadata\":{\"name\":\"two\"}}");
        try (Events events = watch(base + "?watch=1")) {
            assertEquals("one", events.next("ADDED").at("/object/metadata/name").asText());
            assertEquals("two", events.next("ADDED").at("/object/metadata/name").asText());
            post(base, "{\"metadata\":{\"name\":\"three\"}}");
            assertEquals("three", events.next("ADDED").at("/object/metadata/name").asText());
        }
    }

    @Test
    void objectsEnteringAndLeavingTheSelectorAreAddedAndDeleted() throws Exception {
        String ns = createNamespace("selector");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        String rv = listResourceVersion(base);
        try (Events events = watch(base + "?watch=true&labelSelector=app%3Dweb&resourceVersion=" + rv)) {
            post(base, "{\"metadata\":{\"name\":\"other\",\"labels\":{\"app\":\"db\"}}}");
            post(base, "{\"metadata\":{\"name\":\"s\",\"labels\":{\"app\":\"web\"}}}");
            put(base + "/s", "{\"metadata\":{\"name\":\"s\",\"labels\":{\"app\":\"db\"}}}");
            put(base + "/s", "{\"metadata\":{\"name\":\"s\",\"labels\":{\"app\":\"web\"}}}");

            assertEquals("s", events.next("ADDED").at("/object/metadata/name").asText());
            JsonNode left = events.next("DELETED");
            assertEquals("web", left.at("/object/metadata/labels/app").asText(), "leaving carries the previous content");
            assertEquals("s", events.next("ADDED").at("/object/metadata/name").asText());
        }
    }

    @Test
    void compactedResourceVersionIsAnExpiredErrorEvent() throws Exception {
        String ns = createNamespace("expired");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        post(base, "{\"metadata\":{\"name\":\"a\"}}");
        post(base, "{\"metadata\":{\"name\":\"b\"}}");
        HttpResponse<String> firstPage = server.send("GET", base + "?limit=1", null, null);
        String token = JSON.readTree(firstPage.body()).at("/metadata/continue").asText();
        assertFalse(token.isEmpty());
        post(base, "{\"metadata\":{\"name\":\"c\"}}");
        server.store().compact(server.store().currentRevision());

        try (Events events = watch(base + "?watch=true&resourceVersion=1")) {
            JsonNode error = events.next("ERROR");
            assertEquals("Status", error.at("/object/kind").asText());
            assertEquals(410, error.at("/object/code").asInt());
            assertEquals("Expired", error.at("/object/reason").asText());
            assertTrue(events.ended(), "the stream ends after the ERROR event");
        }

        HttpResponse<String> expired = server.send("GET", base + "?limit=1&continue=" + token, null, null);
        assertEquals(410, expired.statusCode());
        assertEquals("Expired", JSON.readTree(expired.body()).get("reason").asText());
    }

    @Test
    void watchesFromBeforeAndInsideTheWatchCacheWindowSeeTheSameHistory() throws Exception {
        String ns = createNamespace("history");
        String base = "/api/v1/namespaces/" + ns + "/configmaps";
        String start = listResourceVersion(base);
        post(base, "{\"metadata\":{\"name\":\"counter\"},\"data\":{\"n\":\"0\"}}");
        int updates = 1100; // more than the cache keeps, so a watch from `start` is served by storage
        String middle = null;
        for (int i = 1; i <= updates; i++) {
            put(base + "/counter", "{\"metadata\":{\"name\":\"counter\"},\"data\":{\"n\":\"" + i + "\"}}");
            if (i == updates - 50) {
                middle = listResourceVersion(base);
            }
        }
        try (Events fromStart = watch(base + "?watch=true&resourceVersion=" + start)) {
            assertEquals("0", fromStart.next("ADDED").at("/object/data/n").asText());
            for (int i = 1; i <= updates; i++) {
                assertEquals(String.valueOf(i), fromStart.next("MODIFIED").at("/object/data/n").asText());
            }
        }
        // like kube's watch cache, recent history is served from memory even once storage compacted it
        server.store().compact(server.store().currentRevision());
        try (Events fromMiddle = watch(base + "?watch=true&resourceVersion=" + middle);
                Events alsoFromMiddle = watch(base + "?watch=true&resourceVersion=" + middle)) {
            for (int i = updates - 49; i <= updates; i++) {
                JsonNode event = fromMiddle.next("MODIFIED");
                assertEquals(String.valueOf(i), event.at("/object/data/n").asText());
                assertEquals(event, alsoFromMiddle.next("MODIFIED"), "watchers of one change get the same event");
            }
        }
    }

    private static String createNamespace(String name) throws Exception {
        post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}");
        return name;
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = server.send("POST", path, null, body);
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static void put(String path, String body) {
        HttpResponse<String> response = server.send("PUT", path, null, body);
        assertEquals(200, response.statusCode(), response.body());
    }

    private static String listResourceVersion(String path) throws Exception {
        return JSON.readTree(server.send("GET", path, null, null).body()).at("/metadata/resourceVersion").asText();
    }

    private static long rvOf(JsonNode event) {
        return Long.parseLong(event.at("/object/metadata/resourceVersion").asText());
    }

    private static Events watch(String path) {
        HttpResponse<Stream<String>> response = server.stream(path);
        assertEquals(200, response.statusCode());
        return new Events(response.body());
    }

    /** The events of one watch stream, read on a background thread. */
    private static final class Events implements AutoCloseable {
        private static final String END = "<end>";
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Stream<String> stream;

        Events(Stream<String> stream) {
            this.stream = stream;
            Thread reader = new Thread(() -> {
                try {
                    Iterator<String> it = stream.iterator();
                    while (it.hasNext()) {
                        lines.add(it.next());
                    }
                } catch (UncheckedIOException closed) {
                    // closed by the test
                }
                lines.add(END);
            }, "watch-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event of {@code type}, skipping others (bookmarks may come at any time). */
        JsonNode next(String type) throws Exception {
            List<String> skipped = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                assertFalse(line.equals(END), "stream ended while waiting for " + type + "; saw " + skipped);
                JsonNode event = JSON.readTree(line);
                if (event.get("type").asText().equals(type)) {
                    return event;
                }
                assertEquals("BOOKMARK", event.get("type").asText(), "unexpected event while waiting for " + type + ": " + line);
                skipped.add(line);
            }
            throw new AssertionError("no " + type + " event within 10s; saw " + skipped);
        }

        boolean ended() throws InterruptedException {
            String line = lines.poll(5, TimeUnit.SECONDS);
            assertNotNull(line);
            return line.equals(END);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
