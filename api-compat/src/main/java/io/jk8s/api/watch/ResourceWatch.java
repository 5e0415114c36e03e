package io.jk8s.api.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.ListPage;
import io.jk8s.api.registry.ListQuery;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.Selection;
import io.jk8s.storage.CompactedException;
import io.jk8s.storage.Store;
import io.jk8s.storage.Watch;
import io.jk8s.storage.WatchEvent;
import io.jk8s.storage.WatchListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client's watch over a collection: storage changes turned into Kubernetes watch events.
 *
 * <p>Selectors are applied with kube's cacher semantics (storage/cacher/cache_watcher.go): an
 * object that starts matching is ADDED, one that stops matching is DELETED (carrying its previous
 * content with the new resourceVersion), so a client's view of "the matching set" stays exact.
 */
public final class ResourceWatch<T extends HasMetadata> implements ChangeListener<T>, AutoCloseable {

    /** Annotation on the BOOKMARK that ends the initial events of a watch-list request. */
    public static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

    private final ResourceStore<T> resources;
    private final Selection<T> selection;
    private final WatchQuery query;
    private final WatchSink sink;
    private final WatchCache<T> cache;
    private volatile AutoCloseable subscription;
    private volatile Watch storageWatch;
    private volatile boolean closed;

    private ResourceWatch(ResourceStore<T> resources, WatchCache<T> cache, Selection<T> selection, WatchQuery query,
                          WatchSink sink) {
        this.resources = resources;
        this.cache = cache;
        this.selection = selection;
        this.query = query;
        this.sink = sink;
    }

    /**
     * Validates the query, sends the initial events if asked, then follows storage from there.
     * Blocks on storage. A bad selector or resourceVersion throws before anything is sent; a
     * compacted resourceVersion becomes one ERROR event (410 Expired), as kube streams it.
     */
    public static <T extends HasMetadata> ResourceWatch<T> start(ResourceStore<T> resources, WatchCache<T> cache, Store store,
                                                                 String prefix, String namespace, WatchQuery query, WatchSink sink) {
        ResourceWatch<T> watch = new ResourceWatch<>(resources, cache,
                resources.selection(query.labelSelector(), query.fieldSelector()), query, sink);
        long after;
        if (query.startsWithInitialEvents()) {
            ListPage<T> current = resources.list(namespace,
                    new ListQuery(query.labelSelector(), query.fieldSelector(), 0, null, null, null));
            current.items().forEach(o -> sink.onEvent(new ApiWatchEvent(ApiWatchEvent.Type.ADDED, o)));
            after = current.revision();
            if (Boolean.TRUE.equals(query.sendInitialEvents()) && query.allowWatchBookmarks()) {
                T bookmark = resources.bookmark(after);
                bookmark.getMetadata().setAnnotations(new HashMap<>(Map.of(INITIAL_EVENTS_END, "true")));
                sink.onEvent(new ApiWatchEvent(ApiWatchEvent.Type.BOOKMARK, bookmark));
            }
        } else {
            after = ResourceStore.parseResourceVersion(query.resourceVersion());
        }
        try {
            AutoCloseable cached = cache.subscribe(prefix, after, watch);
            watch.subscription = cached != null ? cached : watch.watchStorage(store, prefix, after);
        } catch (CompactedException e) {
            ApiException expired = StatusErrors.resourceVersionTooOld(e.requested(), e.compacted());
            sink.onEvent(new ApiWatchEvent(ApiWatchEvent.Type.ERROR, expired.status()));
            sink.onEnd(null);
            return watch;
        }
        if (watch.closed) {
            watch.close();
        }
        return watch;
    }

    /** A start older than the cache's window: a storage watch of our own, decoding for this client alone. */
    private AutoCloseable watchStorage(Store store, String prefix, long after) {
        Watch direct = store.watch(prefix, after, new WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {
                onChanges(events.stream().map(e -> new DecodedChange<>(e, resources)).toList());
            }

            @Override
            public void onProgress(long revision) {
                ResourceWatch.this.onProgress(revision);
            }

            @Override
            public void onClose(Throwable cause) {
                ResourceWatch.this.onClose(cause);
            }
        });
        storageWatch = direct;
        return direct;
    }

    /** Asks storage to confirm progress; with allowWatchBookmarks the answer becomes a BOOKMARK. */
    public void requestProgress() {
        Watch direct = storageWatch;
        if (closed) {
            return;
        }
        if (direct != null) {
            direct.requestProgress();
        } else {
            cache.requestProgress();
        }
    }

    @Override
    public void onChanges(List<DecodedChange<T>> changes) {
        for (DecodedChange<T> change : changes) {
            if (closed) {
                return;
            }
            ApiWatchEvent converted = convert(change);
            if (converted != null) {
                sink.onEvent(converted);
            }
        }
    }

    @Override
    public void onProgress(long revision) {
        if (query.allowWatchBookmarks() && !closed) {
            sink.onEvent(new ApiWatchEvent(ApiWatchEvent.Type.BOOKMARK, resources.bookmark(revision)));
        }
    }

    @Override
    public void onClose(Throwable cause) {
        if (!closed) {
            sink.onEnd(cause);
        }
    }

    @Override
    public void close() {
        closed = true;
        AutoCloseable current = subscription;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private ApiWatchEvent convert(DecodedChange<T> change) {
        if (selection.isEverything()) {
            ApiWatchEvent.Type type = switch (change.type()) {
                case DELETE -> ApiWatchEvent.Type.DELETED;
                case CREATE -> ApiWatchEvent.Type.ADDED;
                default -> change.hasPrevious() ? ApiWatchEvent.Type.MODIFIED : ApiWatchEvent.Type.ADDED;
            };
            return new ApiWatchEvent(type, change.currentJson());
        }
        if (change.type() == WatchEvent.Type.DELETE) {
            return selection.matches(change.current()) ? new ApiWatchEvent(ApiWatchEvent.Type.DELETED, change.currentJson()) : null;
        }
        boolean currentMatches = selection.matches(change.current());
        if (change.type() == WatchEvent.Type.CREATE || !change.hasPrevious()) {
            return currentMatches ? new ApiWatchEvent(ApiWatchEvent.Type.ADDED, change.currentJson()) : null;
        }
        boolean previousMatched = selection.matches(change.previous());
        if (currentMatches) {
            return new ApiWatchEvent(previousMatched ? ApiWatchEvent.Type.MODIFIED : ApiWatchEvent.Type.ADDED, change.currentJson());
        }
        return previousMatched ? new ApiWatchEvent(ApiWatchEvent.Type.DELETED, change.previousJson()) : null;
    }
}
