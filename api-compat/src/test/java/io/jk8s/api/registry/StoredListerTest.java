package io.jk8s.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.jk8s.storage.Store;
import io.jk8s.storage.StoreOptions;
import io.jk8s.storage.rocksdb.RocksDbStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lister answers from its watch, and after a write through the store it has already caught up. */
class StoredListerTest {

    @TempDir
    Path dir;

    @Test
    void aWriteIsSeenByTheNextReadAndADeletionToo() {
        try (Store store = RocksDbStore.open(dir.resolve("db"), StoreOptions.defaults().withSyncWrites(false))) {
            Registry registry = new Registry(store, ResourceTable.builtIn(), Clock.systemUTC());
            @SuppressWarnings("unchecked")
            ResourceType<PriorityClass> type = (ResourceType<PriorityClass>) registry.table()
                    .find("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow();
            ResourceStore<PriorityClass> classes = registry.storeFor(type);
            StoredLister<PriorityClass> lister = registry.listerFor(type);
            assertEquals(List.of(), names(lister));

            // each write goes through the store, whose strategy invalidates the lister: no waiting for the watch
            for (int i = 0; i < 20; i++) {
                classes.create(null, new PriorityClassBuilder().withNewMetadata().withName("c" + i).endMetadata()
                        .withValue(i).build());
                assertTrue(names(lister).contains("c" + i), "c" + i + " seen at once");
                assertEquals(i, lister.get("c" + i).orElseThrow().getValue());
            }
            classes.delete(null, "c7", new io.fabric8.kubernetes.api.model.DeleteOptions());
            assertTrue(!names(lister).contains("c7"), "a deletion is seen at once");
            assertEquals(19, names(lister).size());
        }
    }

    private static List<String> names(StoredLister<PriorityClass> lister) {
        return lister.list().stream().map(c -> c.getMetadata().getName()).sorted().toList();
    }
}
