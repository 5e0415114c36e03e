package io.jk8s.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.storage.CompactedException;
import io.jk8s.storage.FutureRevisionException;
import io.jk8s.storage.KeyExistsException;
import io.jk8s.storage.KeyNotFoundException;
import io.jk8s.storage.KeyValue;
import io.jk8s.storage.ListOptions;
import io.jk8s.storage.ListResult;
import io.jk8s.storage.RevisionConflictException;
import io.jk8s.storage.StorageException;
import io.jk8s.storage.StoreOptions;
import io.jk8s.storage.Watch;
import io.jk8s.storage.WatchEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CM = "/registry/configmaps/default/";

    @TempDir
    Path dir;

    RocksDbStore store;

    @BeforeEach
    void open() {
        store = RocksDbStore.open(dir, StoreOptions.defaults().withProgressInterval(Duration.ofMillis(100)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static String s(KeyValue kv) {
        return new String(kv.value(), UTF_8);
    }

    @Test
    void everyWriteGetsTheNextRevision() {
        assertEquals(0, store.currentRevision());
        KeyValue a = store.create(CM + "a", b("1"));
        KeyValue b = store.create(CM + "b", b("2"));
        KeyValue a2 = store.update(CM + "a", a.modRevision(), b("3"));
        assertEquals(List.of(1L, 2L, 3L), List.of(a.modRevision(), b.modRevision(), a2.modRevision()));
        assertEquals(1, a2.createRevision());
        assertEquals("3", s(store.get(CM + "a")));
        assertEquals(3, store.get(CM + "a").modRevision());
        assertEquals(3, store.currentRevision());
    }

    @Test
    void preconditionsAreEnforced() {
        KeyValue a = store.create(CM + "a", b("1"));
        assertThrows(KeyExistsException.class, () -> store.create(CM + "a", b("x")));
        assertThrows(KeyNotFoundException.class, () -> store.update(CM + "missing", 1, b("x")));
        assertThrows(RevisionConflictException.class, () -> store.update(CM + "a", a.modRevision() + 7, b("x")));
        assertThrows(RevisionConflictException.class, () -> store.delete(CM + "a", a.modRevision() + 7));
        assertThrows(KeyNotFoundException.class, () -> store.delete(CM + "missing", 0));
        assertThrows(StorageException.class, () -> store.create("bad\0key", b("x")));
        // failed writes use no revision
        assertEquals(1, store.currentRevision());
        KeyValue deleted = store.delete(CM + "a", a.modRevision());
        assertEquals("1", s(deleted));
        assertEquals(2, deleted.deletedAt());
        assertNull(store.get(CM + "a"));
        KeyValue recreated = store.create(CM + "a", b("again"));
        assertEquals(3, recreated.createRevision());
    }

    @Test
    void guaranteedUpdateRetriesOnConflict() {
        store.create(CM + "n", b("0"));
        int[] calls = {0};
        KeyValue result = store.guaranteedUpdate(CM + "n", current -> {
            if (calls[0]++ == 0) {
                store.update(CM + "n", current.modRevision(), b("10")); // a concurrent writer wins
            }
            return b(String.valueOf(Integer.parseInt(s(current)) + 1));
        });
        assertEquals("11", s(result));
        assertEquals(2, calls[0]);
    }

    @Test
    void pagedListsComeFromOneRevision() {
        for (int i = 0; i < 5; i++) {
            store.create(CM + "cm-" + i, b("v" + i));
        }
        store.create("/registry/configmaps/other/x", b("elsewhere"));
        ListResult first = store.list(CM, new ListOptions(0, null, 2));
        assertEquals(List.of(CM + "cm-0", CM + "cm-1"), first.items().stream().map(KeyValue::key).toList());
        assertTrue(first.more());
        assertEquals(3, first.remaining());
        // writes between pages must not show up in later pages
        store.update(CM + "cm-3", store.get(CM + "cm-3").modRevision(), b("changed"));
        store.delete(CM + "cm-4", 0);
        store.create(CM + "cm-5", b("new"));
        ListResult second = store.list(CM, new ListOptions(first.revision(), CM + "cm-1\0", 10));
        assertEquals(List.of("v2", "v3", "v4"), second.items().stream().map(RocksDbStoreTest::s).toList());
        assertFalse(second.more());
        assertEquals(first.revision(), second.revision());
        ListResult now = store.list(CM, ListOptions.ALL);
        assertEquals(List.of("v0", "v1", "v2", "changed", "new"), now.items().stream().map(RocksDbStoreTest::s).toList());
        assertEquals(store.currentRevision(), now.revision());
        assertEquals(5, store.count(CM));
        assertThrows(FutureRevisionException.class, () -> store.list(CM, new ListOptions(store.currentRevision() + 1, null, 0)));
    }

    /**
     * Keys with many versions (more than a list steps over before it seeks), one deleted, and names
     * that extend one another: a list at any revision sees each key once, at its version then.
     */
    @Test
    void listsSkipEveryOtherVersionOfEachKey() {
        KeyValue a = store.create(CM + "a", b("a0"));
        store.create(CM + "a-b", b("ab0"));
        store.create(CM + "a0", b("x"));
        long early = store.currentRevision();
        for (int i = 1; i <= 9; i++) {
            a = store.update(CM + "a", a.modRevision(), b("a" + i));
        }
        long middle = store.currentRevision();
        store.delete(CM + "a0", 0);
        KeyValue c = store.create(CM + "c", b("c0"));
        store.update(CM + "c", c.modRevision(), b("c1"));

        assertEquals(List.of("a9", "ab0", "c1"), values(store.list(CM, ListOptions.ALL)));
        assertEquals(List.of("a9", "ab0", "x"), values(store.list(CM, new ListOptions(middle, null, 0))));
        assertEquals(List.of("a0", "ab0", "x"), values(store.list(CM, new ListOptions(early, null, 0))));
        ListResult page = store.list(CM, new ListOptions(0, null, 1));
        assertEquals(List.of("a9"), values(page));
        assertEquals(2, page.remaining());
    }

    private static List<String> values(ListResult result) {
        return result.items().stream().map(RocksDbStoreTest::s).toList();
    }

    @Test
    void compactionExpiresOldRevisionsButKeepsLatestValues() throws Exception {
        KeyValue a = store.create(CM + "a", b("1"));
        store.update(CM + "a", a.modRevision(), b("2"));
        KeyValue gone = store.create(CM + "gone", b("x"));
        store.delete(CM + "gone", gone.modRevision());
        long before = store.currentRevision();
        store.create(CM + "b", b("3"));
        assertEquals(before, store.compact(before));
        assertThrows(CompactedException.class, () -> store.list(CM, new ListOptions(before - 1, null, 0)));
        assertThrows(CompactedException.class, () -> store.watch(CM, before - 1, new RecordingListener()));
        assertEquals(List.of("2", "3"), store.list(CM, ListOptions.ALL).items().stream().map(RocksDbStoreTest::s).toList());
        assertEquals(List.of("2"), store.list(CM, new ListOptions(before, null, 0)).items().stream().map(RocksDbStoreTest::s).toList());
        RecordingListener listener = new RecordingListener();
        try (Watch watch = store.watch(CM, before, listener)) {
            List<WatchEvent> events = listener.awaitEvents(1, WAIT);
            assertEquals(CM + "b", events.get(0).key());
        }
        store.close();
        store = RocksDbStore.open(dir, StoreOptions.defaults());
        assertEquals(before, store.compactedRevision());
        assertEquals("2", s(store.get(CM + "a")));
    }

    @Test
    void periodicCompactionKeepsTheRetentionWindow() throws Exception {
        store.close();
        store = RocksDbStore.open(dir, StoreOptions.defaults()
                .withCompactionRetention(Duration.ofMillis(400)).withCompactionInterval(Duration.ofMillis(50)));
        KeyValue old = store.create(CM + "old", b("1"));
        store.update(CM + "old", old.modRevision(), b("2"));
        long early = store.currentRevision();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.compactedRevision() < early && System.nanoTime() < deadline) {
            store.create(CM + "tick-" + System.nanoTime(), b("t")); // keeps revisions moving so samples differ
            Thread.sleep(20);
        }
        assertTrue(store.compactedRevision() >= early, "compacted " + store.compactedRevision() + " < " + early);
        long recent = store.currentRevision();
        assertTrue(store.compactedRevision() < recent, "history younger than the retention is kept");
        assertThrows(CompactedException.class, () -> store.list(CM, new ListOptions(early - 1, null, 0)));
        assertEquals("2", s(store.get(CM + "old")));
        assertEquals(recent, store.list(CM, new ListOptions(recent, null, 0)).revision());
    }

    @Test
    void watchReplaysHistoryThenStreamsLiveChangesWithPreviousValues() throws Exception {
        KeyValue a = store.create(CM + "a", b("1"));
        store.create("/registry/secrets/default/s", b("not watched"));
        store.update(CM + "a", a.modRevision(), b("2"));
        RecordingListener listener = new RecordingListener();
        try (Watch watch = store.watch(CM, 0, listener)) {
            store.delete(CM + "a", 0);
            store.create(CM + "b", b("3"));
            List<WatchEvent> events = listener.awaitEvents(4, WAIT);
            assertEquals(List.of(WatchEvent.Type.CREATE, WatchEvent.Type.UPDATE, WatchEvent.Type.DELETE, WatchEvent.Type.CREATE),
                    events.stream().map(WatchEvent::type).toList());
            assertEquals(List.of(1L, 3L, 4L, 5L), events.stream().map(WatchEvent::revision).toList());
            assertEquals("1", s(events.get(1).previous()));
            assertEquals("2", s(events.get(2).previous()));
            assertEquals("2", s(events.get(2).current()));
            assertEquals(4, events.get(2).current().deletedAt());
            assertNull(events.get(3).previous());
            watch.requestProgress();
            listener.await(l -> l.progress.get() >= 5, WAIT);
        }
    }

    @Test
    void watchFromTheMiddleStartsAfterThatRevision() throws Exception {
        for (int i = 0; i < 10; i++) {
            store.create(CM + i, b(String.valueOf(i)));
        }
        RecordingListener listener = new RecordingListener();
        try (Watch watch = store.watch(CM, 7, listener)) {
            store.create(CM + "late", b("late"));
            List<WatchEvent> events = listener.awaitEvents(4, WAIT);
            assertEquals(List.of(8L, 9L, 10L, 11L), events.stream().map(WatchEvent::revision).toList());
        }
    }

    @Test
    void closingTheStoreEndsWatches() throws Exception {
        RecordingListener listener = new RecordingListener();
        store.watch(CM, 0, listener);
        store.close();
        listener.await(l -> l.closed, WAIT);
        assertThrows(StorageException.class, () -> store.create(CM + "x", b("x")));
        store = RocksDbStore.open(dir, StoreOptions.defaults());
    }

    @Test
    void reopenedStoreKeepsDataAndContinuesRevisions() {
        store.create(CM + "a", b("1"));
        store.create(CM + "b", b("2"));
        store.close();
        store = RocksDbStore.open(dir, StoreOptions.defaults());
        assertEquals(2, store.currentRevision());
        assertArrayEquals(b("2"), store.get(CM + "b").value());
        assertEquals(3, store.create(CM + "c", b("3")).modRevision());
    }
}
