package io.jk8s.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jk8s.storage.KeyExistsException;
import io.jk8s.storage.KeyNotFoundException;
import io.jk8s.storage.KeyValue;
import io.jk8s.storage.ListOptions;
import io.jk8s.storage.ListResult;
import io.jk8s.storage.RevisionConflictException;
import io.jk8s.storage.StoreOptions;
import io.jk8s.storage.Watch;
import io.jk8s.storage.WatchEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random concurrent creates, updates, deletes, gets, lists and watches, checked against a model:
 * the acknowledged writes, ordered by revision, must form a valid sequential history with no
 * revision missing, every read must match that history, and every watcher must see exactly it.
 */
class ConcurrentModelTest {

    private static final String[] PREFIXES = {"/registry/pods/a/", "/registry/pods/b/"};
    private static final int KEYS_PER_PREFIX = 8;
    private static final int WORKERS = 6;
    private static final int OPS_PER_WORKER = 600;

    /** An acknowledged write and the model state it implies. */
    private record Committed(WatchEvent.Type type, String key, long revision, long expected, byte[] value) {}

    private record ListRead(String prefix, ListResult result) {}

    private record GetRead(String key, long before, KeyValue result, long after) {}

    private record LateWatch(RecordingListener listener, long start) {}

    @TempDir
    Path dir;

    @Test
    void concurrentHistoryMatchesTheSequentialModel() throws Exception {
        long seed = System.nanoTime();
        List<Committed> writes = Collections.synchronizedList(new ArrayList<>());
        List<ListRead> lists = Collections.synchronizedList(new ArrayList<>());
        List<GetRead> gets = Collections.synchronizedList(new ArrayList<>());
        try (RocksDbStore store = RocksDbStore.open(dir, StoreOptions.defaults())) {
            RecordingListener all = new RecordingListener();
            RecordingListener onlyA = new RecordingListener();
            Watch fromStart = store.watch("/registry/", 0, all);
            Watch prefixA = store.watch(PREFIXES[0], 0, onlyA);
            // one list of pairs: two lists appended by concurrent workers could pair a watcher with another's start
            List<LateWatch> late = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                Random random = new Random(seed + w);
                int worker = w;
                running.add(pool.submit(() -> {
                    for (int op = 0; op < OPS_PER_WORKER; op++) {
                        String key = PREFIXES[random.nextInt(2)] + "k" + random.nextInt(KEYS_PER_PREFIX);
                        byte[] value = (worker + ":" + op).getBytes(UTF_8);
                        int dice = random.nextInt(100);
                        try {
                            if (dice < 25) {
                                KeyValue kv = store.create(key, value);
                                writes.add(new Committed(WatchEvent.Type.CREATE, key, kv.modRevision(), -1, value));
                            } else if (dice < 50) {
                                KeyValue current = store.get(key);
                                long expected = current == null || random.nextInt(5) == 0 ? random.nextInt(50) : current.modRevision();
                                KeyValue kv = store.update(key, expected, value);
                                writes.add(new Committed(WatchEvent.Type.UPDATE, key, kv.modRevision(), expected, value));
                            } else if (dice < 62) {
                                long expected = random.nextBoolean() ? 0 : random.nextInt(50);
                                KeyValue kv = store.delete(key, expected);
                                writes.add(new Committed(WatchEvent.Type.DELETE, key, kv.deletedAt(), expected, null));
                            } else if (dice < 80) {
                                long before = store.currentRevision();
                                KeyValue kv = store.get(key);
                                gets.add(new GetRead(key, before, kv, store.currentRevision()));
                            } else if (dice < 97) {
                                String prefix = PREFIXES[random.nextInt(2)];
                                lists.add(new ListRead(prefix, store.list(prefix, new ListOptions(0, null, 0))));
                            } else {
                                RecordingListener listener = new RecordingListener();
                                long start = store.currentRevision() - random.nextInt(5);
                                store.watch("/registry/", Math.max(0, start), listener);
                                late.add(new LateWatch(listener, Math.max(0, start)));
                            }
                        } catch (KeyExistsException | KeyNotFoundException | RevisionConflictException refused) {
                            // a refused write; the model below decides whether refusing was possible
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();

            writes.sort(Comparator.comparingLong(Committed::revision));
            long last = store.currentRevision();
            assertEquals(last, writes.size(), "seed " + seed + ": every revision must belong to one acknowledged write");
            List<TreeMap<String, KeyValue>> states = replay(writes, seed);

            for (ListRead read : lists) {
                Map<String, KeyValue> expected = states.get((int) read.result.revision()).subMap(read.prefix, read.prefix + "\uffff");
                assertEquals(List.copyOf(expected.keySet()), read.result.items().stream().map(KeyValue::key).toList(), "seed " + seed);
                for (KeyValue kv : read.result.items()) {
                    assertArrayEquals(expected.get(kv.key()).value(), kv.value());
                    assertEquals(expected.get(kv.key()).modRevision(), kv.modRevision());
                }
            }
            for (GetRead read : gets) {
                boolean seen = false;
                for (long r = read.before; r <= read.after && !seen; r++) {
                    KeyValue model = states.get((int) r).get(read.key);
                    seen = read.result == null ? model == null
                            : model != null && model.modRevision() == read.result.modRevision();
                }
                assertTrue(seen, "seed " + seed + ": get of " + read.key + " returned a value that was never current during the call");
            }
            all.awaitEvents(writes.size(), Duration.ofSeconds(20));
            assertWatchSaw(all, writes, "/registry/", 0, states);
            onlyA.await(l -> l.events().size() >= writes.stream().filter(c -> c.key.startsWith(PREFIXES[0])).count(), Duration.ofSeconds(20));
            assertWatchSaw(onlyA, writes, PREFIXES[0], 0, states);
            for (LateWatch watch : late) {
                watch.listener.await(l -> l.events().size() >= writes.size() - watch.start, Duration.ofSeconds(20));
                assertWatchSaw(watch.listener, writes, "/registry/", watch.start, states);
            }
            fromStart.close();
            prefixA.close();
        }
    }

    /** Applies the writes in revision order; states.get(r) is the model after revision r. */
    private static List<TreeMap<String, KeyValue>> replay(List<Committed> writes, long seed) {
        List<TreeMap<String, KeyValue>> states = new ArrayList<>();
        TreeMap<String, KeyValue> state = new TreeMap<>();
        states.add(new TreeMap<>(state));
        for (Committed write : writes) {
            KeyValue current = state.get(write.key);
            String where = "seed " + seed + ", revision " + write.revision + " " + write.type + " " + write.key;
            switch (write.type) {
                case CREATE -> {
                    assertNull(current, where + ": created while it existed");
                    state.put(write.key, new KeyValue(write.key, write.value, write.revision, write.revision));
                }
                case UPDATE, DELETE -> {
                    if (current == null) {
                        fail(where + ": changed while absent");
                    }
                    if (write.expected > 0 && write.expected != current.modRevision()) {
                        fail(where + ": precondition " + write.expected + " held although the key was at " + current.modRevision());
                    }
                    if (write.type == WatchEvent.Type.DELETE) {
                        state.remove(write.key);
                    } else {
                        state.put(write.key, new KeyValue(write.key, write.value, current.createRevision(), write.revision));
                    }
                }
            }
            states.add(new TreeMap<>(state));
        }
        return states;
    }

    private static void assertWatchSaw(RecordingListener listener, List<Committed> writes, String prefix, long after,
            List<TreeMap<String, KeyValue>> states) {
        List<Committed> expected = writes.stream().filter(c -> c.revision > after && c.key.startsWith(prefix)).toList();
        List<WatchEvent> events = listener.events();
        assertEquals(expected.size(), events.size(), "watch from " + after + " on " + prefix);
        for (int i = 0; i < expected.size(); i++) {
            Committed want = expected.get(i);
            WatchEvent got = events.get(i);
            assertEquals(want.revision, got.revision());
            assertEquals(want.type, got.type());
            assertEquals(want.key, got.key());
            KeyValue before = states.get((int) want.revision - 1).get(want.key);
            if (before == null) {
                assertNull(got.previous());
            } else {
                assertArrayEquals(before.value(), got.previous().value());
                assertEquals(before.modRevision(), got.previous().modRevision());
            }
        }
    }
}
