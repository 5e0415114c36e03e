package io.jk8s.storage.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jk8s.storage.KeyValue;
import io.jk8s.storage.StoreOptions;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Child-JVM workload for {@link KillNineDurabilityTest}: writers that print a line for every
 * write the store acknowledged, until the parent kills this process with SIGKILL. An optional
 * third argument pads each created value with that many spaces.
 */
public final class AcknowledgingWriter {

    public static void main(String[] args) {
        RocksDbStore store = RocksDbStore.open(Path.of(args[0]), StoreOptions.defaults());
        int writers = Integer.parseInt(args[1]);
        int padding = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        PrintStream out = System.out;
        for (int w = 0; w < writers; w++) {
            String counter = "/registry/counters/writer-" + w;
            String prefix = "/registry/configmaps/w" + w + "/cm-";
            Thread thread = new Thread(() -> {
                KeyValue count = store.create(counter, "0".getBytes(UTF_8));
                for (int n = 1; ; n++) {
                    KeyValue created = store.create(prefix + n, (prefix + n + " ".repeat(padding)).getBytes(UTF_8));
                    count = store.update(counter, count.modRevision(), String.valueOf(n).getBytes(UTF_8));
                    synchronized (out) {
                        out.println("ACK " + prefix + n + " " + created.modRevision());
                        out.println("COUNT " + counter + " " + n + " " + count.modRevision());
                        out.flush();
                    }
                }
            });
            thread.start();
        }
    }
}
