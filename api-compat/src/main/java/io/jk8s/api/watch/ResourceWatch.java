package io.jk8s.api.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.registry.ListPage;
import io.jk8s.api.registry.ListQuery;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.Selection;
import io.jk8s.storage.CompactedException;
import io.jk8s.storage.KeyValue;
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
public final class ResourceWatch<T extends HasMetadata> implements WatchListener, AutoCloseable {

    /** Annotation on the BOOKMARK that ends the initial events of a watch-list request. */
    public static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

    private final ResourceStore<T> resources;
    private final Selection<T> selection;
    private final WatchQuery query;
    private final WatchSink sink;
    private volatile Watch watch;
    private volatile boolean closed;

    private ResourceWatch(ResourceStore<T> resources, Selection<T> selection, WatchQuery query, WatchSink sink) {
        this.resources = resources;
        this.selection = selection;
        this.query = query;
        this.sink = sink;
    }

    /**
     * Validates the query, sends the initial events if asked, then follows storage from there.
     * Blocks on storage. A bad selector or resourceVersion throws before anything is sent; a
     * compacted resourceVersion becomes one ERROR event (410 Expired), as kube streams it.
     */
    public static <T extends HasMetadata> ResourceWatch<T> start(ResourceStore<T> resources, Store store, String prefix,
                                                                 String namespace, WatchQuery query, WatchSink sink) {
        ResourceWatch<T> watch = new ResourceWatch<>(resources, resources.selection(query.labelSelector(), query.fieldSelector()),
                query, sink);
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
            watch.watch = store.watch(prefix, after, watch);
        } catch (CompactedException e) {
            ApiException expired = StatusErrors.resourceVersionTooOld(e.requested(), e.compacted());
            sink.onEvent(new ApiWatchEvent(ApiWatchEvent.Type.ERROR, expired.status()));
            sink.onEnd(null);
            return watch;
        }
        if (watch.closed) {
            watch.watch.close();
        }
        return watch;
    }

    /** Asks storage to confirm progress; with allowWatchBookmarks the answer becomes a BOOKMARK. */
    public void requestProgress() {
        Watch current = watch;
        if (current != null && !closed) {
            current.requestProgress();
        }
    }

    @Override
    public void onEvents(List<WatchEvent> events) {
        for (WatchEvent event : events) {
            if (closed) {
                return;
            }
            ApiWatchEvent converted = convert(event);
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
        Watch current = watch;
        if (current != null) {
            current.close();
        }
    }

    private ApiWatchEvent convert(WatchEvent event) {
        long revision = event.revision();
        if (event.type() == WatchEvent.Type.DELETE) {
            T last = resources.decode(event.current(), revision);
            return selection.matches(last) ? new ApiWatchEvent(ApiWatchEvent.Type.DELETED, last) : null;
        }
        T current = resources.decode(event.current(), revision);
        boolean currentMatches = selection.matches(current);
        if (event.type() == WatchEvent.Type.CREATE || event.previous() == null) {
            return currentMatches ? new ApiWatchEvent(ApiWatchEvent.Type.ADDED, current) : null;
        }
        if (selection.isEverything()) {
            return new ApiWatchEvent(ApiWatchEvent.Type.MODIFIED, current);
        }
        KeyValue previousValue = event.previous();
        T previous = resources.decode(previousValue, revision);
        boolean previousMatched = selection.matches(previous);
        if (currentMatches) {
            return new ApiWatchEvent(previousMatched ? ApiWatchEvent.Type.MODIFIED : ApiWatchEvent.Type.ADDED, current);
        }
        return previousMatched ? new ApiWatchEvent(ApiWatchEvent.Type.DELETED, previous) : null;
    }
}
