package io.jk8s.storage.bench;

import io.jk8s.storage.KeyValue;
import io.jk8s.storage.ListOptions;
import io.jk8s.storage.StoreOptions;
import io.jk8s.storage.WatchEvent;
import io.jk8s.storage.WatchListener;
import io.jk8s.storage.rocksdb.RocksDbStore;
import io.jk8s.testing.bench.LoadRun;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * Prints the store's throughput and latency next to raw RocksDB at the same sync setting.
 * Run: see README "Benchmarks". Not a test: numbers depend on the machine.
 */
public final class StorageBenchmark {

    private static final int VALUE_SIZE = 4096;
    private static final int OPS = 4000;
    private static final byte[] VALUE = new byte[VALUE_SIZE];

    public static void main(String[] args) throws Exception {
        Arrays.fill(VALUE, (byte) 'x');
        Path root = Files.createTempDirectory("jk8s-bench");
        System.out.println("value size " + VALUE_SIZE + " B, sync writes (WAL fsync before acknowledging), dir " + root);
        rawRocksDb(root.resolve("raw"));
        store(root.resolve("store"));
        watchDelivery(root.resolve("watch"));
        // exec:java waits for non-daemon threads; the numbers are printed, so end here
        System.exit(0);
    }

    private static void rawRocksDb(Path dir) throws Exception {
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true);
                RocksDB db = RocksDB.open(options, dir.toString());
                WriteOptions sync = new WriteOptions().setSync(true)) {
            for (int threads : new int[] {1, 16}) {
                String tag = "t" + threads + "-";
                System.out.println(LoadRun.measure("raw rocksdb put (sync)", threads, OPS, (t, i) -> db.put(sync, key(tag, t, i), VALUE)).line());
            }
            System.out.println(LoadRun.measure("raw rocksdb get", 1, OPS, (t, i) -> db.get(key("t1-", 0, i))).line());
        }
    }

    private static byte[] key(String tag, int thread, int i) {
        return ("/registry/configmaps/" + tag + thread + "/" + i).getBytes();
    }

    private static void store(Path dir) throws Exception {
        try (RocksDbStore store = RocksDbStore.open(dir, StoreOptions.defaults())) {
            for (int threads : new int[] {1, 16}) {
                String prefix = "/registry/configmaps/w" + threads + "-";
                System.out.println(LoadRun.measure("store create", threads, OPS, (t, i) -> store.create(prefix + t + "/" + i, VALUE)).line());
                System.out.println(LoadRun.measure("store update", threads, OPS, (t, i) -> {
                    String key = prefix + t + "/" + i;
                    store.update(key, 0, VALUE);
                }).line());
                System.out.println(LoadRun.measure("store get", threads, OPS, (t, i) -> store.get(prefix + t + "/" + i)).line());
            }
            // 1,000 objects under one prefix, like a namespace listing
            String ns = "/registry/configmaps/list/";
            LoadRun.measure("fill", 8, 1000, (t, i) -> store.create(ns + t + "-" + i, VALUE));
            int lists = 200;
            System.out.println(LoadRun.measure("store list(1000)", 1, lists, (t, i) -> {
                if (store.list(ns, ListOptions.ALL).items().size() != 1000) {
                    throw new IllegalStateException("expected 1000 items");
                }
            }).line() + "   (" + lists + " lists)");
        }
    }

    /** 100 watchers; writers paced at 5,000 events/s; latency from the write call to each delivery. */
    private static void watchDelivery(Path dir) throws Exception {
        int watchers = 100;
        int rate = 5000;
        int seconds = 5;
        int writers = 16;
        try (RocksDbStore store = RocksDbStore.open(dir, StoreOptions.defaults())) {
            ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
            AtomicInteger delivered = new AtomicInteger();
            for (int w = 0; w < watchers; w++) {
                store.watch("/registry/pods/", store.currentRevision(), new WatchListener() {
                    @Override
                    public void onEvents(List<WatchEvent> events) {
                        long now = System.nanoTime();
                        long[] batch = new long[events.size()];
                        for (int i = 0; i < batch.length; i++) {
                            KeyValue kv = events.get(i).current();
                            batch[i] = now - ByteBuffer.wrap(kv.value()).getLong();
                        }
                        samples.add(batch);
                        delivered.addAndGet(batch.length);
                    }
                });
            }
            int total = rate * seconds;
            long intervalNanos = 1_000_000_000L * writers / rate;
            long begin = System.nanoTime();
            LoadRun.Result run = LoadRun.measure("  paced writes (create)", writers, total, (t, i) -> {
                LockSupport.parkNanos(begin + (long) i * intervalNanos + t * (intervalNanos / writers) - System.nanoTime());
                byte[] value = ByteBuffer.allocate(512).putLong(System.nanoTime()).array();
                store.create("/registry/pods/default/p-" + t + "-" + i, value);
            });
            long expected = (long) run.ops() * watchers;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (delivered.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("watch delivery: %d watchers, %d writes at %.0f/s paced, %d deliveries: p50 %.3f ms, p99 %.3f ms, max %.3f ms"
                    + " (from the write call, fsync included)%n", watchers, run.ops(), run.ops() * 1e9 / run.nanos(), all.length,
                    all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
            System.out.println(run.line());
        }
    }
}
