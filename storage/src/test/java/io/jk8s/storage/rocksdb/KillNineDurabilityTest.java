package io.jk8s.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.storage.KeyValue;
import io.jk8s.storage.StoreOptions;
import io.jk8s.storage.WatchEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write the store acknowledged survives SIGKILL of the process that made it. */
class KillNineDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        writeKillAndCheck(0);
    }

    /**
     * 32 KB values fill a memtable every few hundred writes, so by the kill the store has flushed
     * several times and writes into write-ahead log files it recycled rather than fresh ones.
     */
    @Test
    void acknowledgedWritesSurviveSigkillInRecycledLogFiles() throws Exception {
        writeKillAndCheck(32 * 1024);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".sst")), "no memtable was flushed before the kill");
        }
    }

    private void writeKillAndCheck(int padding) throws Exception {
        Map<String, Long> created = new HashMap<>();
        Map<String, Integer> counted = new HashMap<>();
        long maxAcked = 0;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AcknowledgingWriter.class.getName(), dir.toString(), "8",
                String.valueOf(padding))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader acks = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            String line;
            while ((line = acks.readLine()) != null) {
                String[] f = line.split(" ");
                if (f[0].equals("ACK")) {
                    created.put(f[1], Long.parseLong(f[2]));
                    maxAcked = Math.max(maxAcked, Long.parseLong(f[2]));
                } else if (f[0].equals("COUNT")) {
                    counted.merge(f[1], Integer.parseInt(f[2]), Math::max);
                    maxAcked = Math.max(maxAcked, Long.parseLong(f[3]));
                }
                if (created.size() == 3000) {
                    // mid-load: the writers are still running when the kill lands; keep reading
                    // what the child printed before it died
                    new ProcessBuilder("kill", "-9", String.valueOf(child.pid())).start().waitFor();
                }
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "child must die of SIGKILL");
        assertTrue(created.size() >= 3000, "acknowledged " + created.size());

        try (RocksDbStore store = RocksDbStore.open(dir, StoreOptions.defaults())) {
            for (Map.Entry<String, Long> ack : created.entrySet()) {
                KeyValue kv = store.get(ack.getKey());
                assertNotNull(kv, "acknowledged create lost: " + ack.getKey());
                assertEquals(ack.getKey(), new String(kv.value(), UTF_8).strip());
                assertEquals(ack.getValue(), kv.modRevision());
            }
            for (Map.Entry<String, Integer> count : counted.entrySet()) {
                int stored = Integer.parseInt(new String(store.get(count.getKey()).value(), UTF_8));
                assertTrue(stored >= count.getValue(), count.getKey() + " went back from " + count.getValue() + " to " + stored);
            }
            long recovered = store.currentRevision();
            assertTrue(recovered >= maxAcked, "revision went back: " + recovered + " < " + maxAcked);
            assertEquals(recovered + 1, store.create("/registry/after/restart", new byte[0]).modRevision());

            // the change log is whole: a watch from the start sees every revision exactly once
            RecordingListener listener = new RecordingListener();
            store.watch("/registry/", 0, listener);
            List<WatchEvent> events = listener.awaitEvents((int) recovered + 1, Duration.ofSeconds(30));
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1, events.get(i).revision());
            }
        }
    }
}
