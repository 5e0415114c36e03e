package io.jk8s.api.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Preconditions;
import io.fabric8.kubernetes.api.model.Status;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.errors.StatusErrors;
import io.jk8s.api.watch.ResourceWatch;
import io.jk8s.api.watch.WatchCache;
import io.jk8s.api.watch.WatchQuery;
import io.jk8s.api.watch.WatchSink;
import io.jk8s.storage.CompactedException;
import io.jk8s.storage.FutureRevisionException;
import io.jk8s.storage.KeyExistsException;
import io.jk8s.storage.KeyNotFoundException;
import io.jk8s.storage.KeyValue;
import io.jk8s.storage.ListOptions;
import io.jk8s.storage.ListResult;
import io.jk8s.storage.RevisionConflictException;
import io.jk8s.storage.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The REST verbs, implemented once for every resource (kube-apiserver's generic registry Store).
 * Objects are stored as JSON without {@code metadata.resourceVersion}; every read sets it from the
 * key's mod revision, so the revision is the single source of truth. All methods block on storage:
 * call them from worker threads, never from an event loop.
 */
public final class ResourceStore<T extends HasMetadata> {

    /** kube retries a create with generateName this many times before giving up (RetryGenerateName). */
    private static final int GENERATE_NAME_ATTEMPTS = 8;
    /** Recent changes kept per resource for watches that start slightly in the past (informers relisting). */
    private static final int WATCH_CACHE_CAPACITY = 1024;

    private final Store store;
    private final ResourceType<T> type;
    private final List<Runnable> commitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final NamespaceLifecycle namespaces;
    private final Clock clock;
    private final WatchCache<T> watchCache;

    ResourceStore(Store store, ResourceType<T> type, NamespaceLifecycle namespaces, Clock clock) {
        this.store = store;
        this.type = type;
        this.namespaces = namespaces;
        this.clock = clock;
        this.watchCache = new WatchCache<>(this, store, StorageKeys.prefix(type, null), WATCH_CACHE_CAPACITY);
    }

    public WatchCache<T> watchCache() {
        return watchCache;
    }

    public ResourceType<T> type() {
        return type;
    }

    public T create(String namespace, T object) {
        return create(namespace, object, false);
    }

    /**
     * Creates an object. With {@code dryRun} every step up to the write runs (defaulting,
     * validation, the name-taken check) and the result is what would have been stored, as kube's
     * DryRunnableStorage does; nothing is written.
     */
    public T create(String namespace, T object, boolean dryRun) {
        return createStored(namespace, object, dryRun, WriteTracker.NONE).object();
    }

    /**
     * A create through the API, whose writer {@code tracker} records (managedFields), answering the
     * served JSON too.
     */
    public StoredObject<T> createStored(String namespace, T object, boolean dryRun, WriteTracker tracker) {
        boolean generated = object.getMetadata() != null && ObjectMetaLifecycle.isEmpty(object.getMetadata().getName());
        for (int attempt = 1; ; attempt++) {
            ObjectMetaLifecycle.beforeCreate(type, namespace, object, clock.instant(), tracker);
            ObjectMeta meta = object.getMetadata();
            if (type.namespaced()) {
                namespaces.admitCreate(type, meta);
            }
            String key = StorageKeys.key(type, meta.getNamespace(), meta.getName());
            try {
                if (dryRun) {
                    if (store.get(key) != null) {
                        throw new KeyExistsException(key);
                    }
                    return StoredObject.decoded(fromStorage(encode(object)));
                }
                return committed(written(object, store.create(key, encode(object))));
            } catch (KeyExistsException e) {
                if (!generated || attempt == GENERATE_NAME_ATTEMPTS) {
                    throw StatusErrors.alreadyExists(type.group(), type.plural(), meta.getName());
                }
                meta.setName(null);
            }
        }
    }

    public T get(String namespace, String name) {
        return decode(read(namespace, name));
    }

    /** {@link #get} as the JSON the API serves, without decoding the stored object when no conversion is needed. */
    public byte[] getJson(String namespace, String name) {
        return json(read(namespace, name), null);
    }

    private KeyValue read(String namespace, String name) {
        KeyValue kv = store.get(StorageKeys.key(type, namespace, name));
        if (kv == null) {
            throw StatusErrors.notFound(type.group(), type.plural(), name);
        }
        return kv;
    }

    /**
     * Replaces an object. A {@code metadata.resourceVersion} in the body is a precondition (409
     * Conflict when stale); without one the update is unconditional.
     */
    public T update(String namespace, String name, T object) {
        return update(namespace, name, object, false);
    }

    public T update(String namespace, String name, T object, boolean dryRun) {
        return updateStored(namespace, name, object, dryRun, WriteTracker.NONE).object();
    }

    /** An update through the API, whose writer {@code tracker} records, answering the served JSON too. */
    public StoredObject<T> updateStored(String namespace, String name, T object, boolean dryRun, WriteTracker tracker) {
        // a fresh copy per attempt: the tracker writes managedFields into it
        return guaranteedUpdate(namespace, name, resourceVersion(object), false, null, dryRun, tracker, current -> copy(object));
    }

    /** A write through {@code /status}: only the body's status is taken, onto the current object. */
    public T updateStatus(String namespace, String name, T object) {
        return updateStatus(namespace, name, object, false);
    }

    public T updateStatus(String namespace, String name, T object, boolean dryRun) {
        return updateStatus(namespace, name, object, dryRun, WriteTracker.NONE);
    }

    public T updateStatus(String namespace, String name, T object, boolean dryRun, WriteTracker tracker) {
        return guaranteedUpdate(namespace, name, resourceVersion(object), true, null, dryRun, tracker, current -> {
            T next = copy(current);
            ModelFields.setStatus(next, ModelFields.status(object));
            return next;
        }).object();
    }

    /**
     * Updates an object to what {@code patch} makes of (a private copy of) the current one, as
     * kube's patcher does. A resourceVersion the patched object carries is a precondition; a patch
     * that does not set one leaves the current one, so a concurrent write makes it re-apply to the
     * newer object. Through {@code /status} ({@code status}), only the patched status is kept.
     */
    public T patch(String namespace, String name, boolean status, boolean dryRun, UnaryOperator<T> patch) {
        return patch(namespace, name, status, dryRun, WriteTracker.NONE, patch);
    }

    public T patch(String namespace, String name, boolean status, boolean dryRun, WriteTracker tracker, UnaryOperator<T> patch) {
        return patchStored(namespace, name, status, dryRun, tracker, patch).object();
    }

    /** {@link #patch(String, String, boolean, boolean, WriteTracker, UnaryOperator)}, answering the served JSON too. */
    public StoredObject<T> patchStored(String namespace, String name, boolean status, boolean dryRun, WriteTracker tracker,
                                       UnaryOperator<T> patch) {
        return guaranteedUpdate(namespace, name, null, status, null, dryRun, tracker, current -> {
            T patched = patch.apply(copy(current));
            if (!status) {
                return patched;
            }
            T next = copy(current);
            next.getMetadata().setResourceVersion(resourceVersion(patched));
            // an apply to /status computes the managedFields itself; other writers' tracker replaces them
            next.getMetadata().setManagedFields(patched.getMetadata().getManagedFields());
            ModelFields.setStatus(next, ModelFields.status(patched));
            return next;
        });
    }

    /**
     * A write through a subresource with its own rules ({@link SubresourceUpdate}): only the part it
     * takes from {@code object} changes. A resourceVersion in the body is a precondition.
     */
    public T updateSubresource(String namespace, String name, T object, SubresourceUpdate<T> part, boolean dryRun,
                               WriteTracker tracker) {
        return guaranteedUpdate(namespace, name, resourceVersion(object), false, part, dryRun, tracker,
                current -> part.take(copy(current), object)).object();
    }

    /** {@link #patch} through a subresource with its own rules: the patch applies to the whole object, {@code part} takes its share. */
    public T patchSubresource(String namespace, String name, SubresourceUpdate<T> part, boolean dryRun, WriteTracker tracker,
                              UnaryOperator<T> patch) {
        return guaranteedUpdate(namespace, name, null, false, part, dryRun, tracker, current -> {
            T patched = patch.apply(copy(current));
            T next = part.take(copy(current), patched);
            next.getMetadata().setResourceVersion(resourceVersion(patched));
            return next;
        }).object();
    }

    /**
     * A read-modify-write of the main resource (scale, binding): {@code change} gets a private copy
     * of the current object and returns the desired one; it may throw an ApiException to refuse.
     */
    public T modify(String namespace, String name, String expectedResourceVersion, UnaryOperator<T> change) {
        return modify(namespace, name, expectedResourceVersion, WriteTracker.NONE, change);
    }

    public T modify(String namespace, String name, String expectedResourceVersion, WriteTracker tracker, UnaryOperator<T> change) {
        return guaranteedUpdate(namespace, name, expectedResourceVersion, false, null, false, tracker,
                current -> change.apply(copy(current))).object();
    }

    /** Like {@link #modify}, for changes that include the status (a binding sets nodeName and a condition). */
    public T modifyWithStatus(String namespace, String name, String expectedResourceVersion, UnaryOperator<T> change) {
        return guaranteedUpdate(namespace, name, expectedResourceVersion, true, null, false, WriteTracker.NONE,
                current -> change.apply(copy(current))).object();
    }

    /**
     * Like GuaranteedUpdate: read, compute the new object from the current one, write if the
     * revision is unchanged, otherwise retry on the newer value. The precondition is
     * {@code expected}, or else the computed object's resourceVersion; either must be the current
     * one. An update that changes nothing writes nothing, and a dry run stops before the write.
     */
    private StoredObject<T> guaranteedUpdate(String namespace, String name, String expected, boolean statusUpdate, SubresourceUpdate<T> part,
                               boolean dryRun, WriteTracker tracker, UnaryOperator<T> next) {
        String key = StorageKeys.key(type, namespace, name);
        while (true) {
            KeyValue current = store.get(key);
            if (current == null) {
                throw StatusErrors.notFound(type.group(), type.plural(), name);
            }
            T old = decode(current);
            T object = next.apply(old);
            String wanted = expected != null ? expected : resourceVersion(object);
            if (!ObjectMetaLifecycle.isEmpty(wanted) && !wanted.equals(Long.toString(current.modRevision()))) {
                throw StatusErrors.conflict(type.group(), type.plural(), name);
            }
            ObjectMetaLifecycle.beforeUpdate(type, namespace, name, object, old, statusUpdate, part);
            tracker.track(old, object);
            byte[] bytes = encode(object);
            if (Arrays.equals(bytes, current.value())) {
                return StoredObject.decoded(decode(current));
            }
            if (dryRun) {
                return StoredObject.decoded(decode(new KeyValue(key, bytes, current.createRevision(), current.modRevision())));
            }
            try {
                if (GracefulDeletion.completesDeletion(type.strategy(), object, old)) {
                    return committed(StoredObject.decoded(decode(store.delete(key, current.modRevision()), current.modRevision())));
                }
                return committed(written(object, store.update(key, current.modRevision(), bytes)));
            } catch (RevisionConflictException | KeyNotFoundException concurrentWrite) {
                // re-read: either the precondition now fails or the update is recomputed on the newer value
            }
        }
    }

    private static String resourceVersion(HasMetadata object) {
        return object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
    }

    private T copy(T object) {
        return ObjectCodec.fromJson(ObjectCodec.toJson(object), type.modelClass());
    }

    /**
     * Deletes an object, honouring DeleteOptions preconditions, grace periods and finalizers (see
     * {@link GracefulDeletion}). Answers the object itself while its deletion is pending; once it is
     * gone, the deleted object when the strategy asks for it, otherwise a Success Status naming it
     * (kube's finalizeDelete).
     */
    public Object delete(String namespace, String name, DeleteOptions options) {
        return delete(namespace, name, options, false);
    }

    public Object delete(String namespace, String name, DeleteOptions options, boolean dryRun) {
        String key = StorageKeys.key(type, namespace, name);
        while (true) {
            KeyValue current = store.get(key);
            if (current == null) {
                throw StatusErrors.notFound(type.group(), type.plural(), name);
            }
            T existing = decode(current);
            checkPreconditions(options.getPreconditions(), existing);
            GracefulDeletion.Decision decision = GracefulDeletion.decide(type.strategy(), existing, options, clock.instant());
            if (dryRun) {
                // what the deletion would answer, written nowhere
                return !decision.deleteNow() ? existing
                        : type.strategy().returnDeletedObject() ? existing : deletedStatus(existing);
            }
            try {
                if (decision.deleteNow()) {
                    T deleted = committed(decode(store.delete(key, current.modRevision())));
                    return type.strategy().returnDeletedObject() ? deleted : deletedStatus(deleted);
                }
                return decision.marked() == null ? existing
                        : committed(decode(store.update(key, current.modRevision(), encode(existing))));
            } catch (RevisionConflictException | KeyNotFoundException concurrentWrite) {
                // re-read and re-check the preconditions against the newer state
            }
        }
    }

    /**
     * DELETE on a collection: every object the selectors match is deleted as by {@link #delete}
     * (grace periods and finalizers included); answers the objects as they were.
     */
    public List<T> deleteCollection(String namespace, ListQuery query, DeleteOptions options, boolean dryRun) {
        ListQuery all = new ListQuery(query.labelSelector(), query.fieldSelector(), 0, null, null, null);
        List<T> deleted = new ArrayList<>();
        for (T object : list(namespace, all).items()) {
            try {
                delete(object.getMetadata().getNamespace(), object.getMetadata().getName(), options, dryRun);
                deleted.add(object);
            } catch (io.jk8s.api.errors.ApiException e) {
                if (!"NotFound".equals(e.reason())) {
                    throw e;
                }
            }
        }
        return deleted;
    }

    public ListPage<T> list(String namespace, ListQuery query) {
        return list(namespace, query, (kv, decoded) -> decoded != null ? decoded : decode(kv));
    }

    /**
     * {@link #list} with each item as the JSON the API serves: stored bytes with their
     * resourceVersion put back, decoded only when a selector has to look inside.
     */
    public ListPage<byte[]> listJson(String namespace, ListQuery query) {
        return list(namespace, query, this::json);
    }

    /**
     * Tells the strategy about a write that reached storage (kube's AfterCreate/AfterUpdate/AfterDelete),
     * and the listers of this kind, which catch up before their next answer.
     */
    private T committed(T object) {
        type.strategy().afterWrite(object);
        commitListeners.forEach(Runnable::run);
        return object;
    }

    private StoredObject<T> committed(StoredObject<T> stored) {
        committed(stored.object());
        return stored;
    }

    /** {@code listener} runs after every write of this kind that reached storage, before it is answered. */
    void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    /**
     * What a write answers: the object just encoded into {@code stored}, at its new revision. Without
     * a storage conversion it is what decoding the stored bytes would give, so that is skipped.
     */
    private StoredObject<T> written(T object, KeyValue stored) {
        if (type.storage().converts()) {
            return StoredObject.decoded(decode(stored));
        }
        object.getMetadata().setResourceVersion(Long.toString(stored.modRevision()));
        return new StoredObject<>(object, StoredJson.withResourceVersion(stored.value(), stored.modRevision()));
    }

    private byte[] json(KeyValue kv, T decoded) {
        return json(kv, kv.modRevision(), () -> decoded != null ? decoded : decode(kv));
    }

    /** The JSON the API serves for a stored value at {@code revision}; {@code decoded} gives its object if the bytes can't serve. */
    public byte[] json(KeyValue kv, long revision, Supplier<T> decoded) {
        if (!type.storage().converts()) {
            byte[] spliced = StoredJson.withResourceVersion(kv.value(), revision);
            if (spliced != null) {
                return spliced;
            }
        }
        return ObjectCodec.toJson(decoded.get());
    }

    private <R> ListPage<R> list(String namespace, ListQuery query, BiFunction<KeyValue, T, R> item) {
        Selection<T> selection = selection(query.labelSelector(), query.fieldSelector());
        String prefix = StorageKeys.prefix(type, namespace);
        long revision;
        String startKey = null;
        if (!ObjectMetaLifecycle.isEmpty(query.continueToken())) {
            if (!ObjectMetaLifecycle.isEmpty(query.resourceVersion()) && !"0".equals(query.resourceVersion())) {
                throw StatusErrors.badRequest("specifying resource version is not allowed when using continue");
            }
            ContinueToken token = ContinueToken.decode(query.continueToken());
            revision = token.revision();
            startKey = prefix + token.start();
        } else {
            revision = listRevision(query);
        }
        List<R> items = new ArrayList<>();
        boolean everything = selection.isEverything();
        long limit = query.limit();
        String lastKey = null;
        boolean more;
        Long remaining = null;
        while (true) {
            ListResult page = readPage(prefix, revision, startKey, limit, query.continueToken() != null);
            revision = page.revision();
            int examined = 0;
            for (KeyValue kv : page.items()) {
                examined++;
                lastKey = kv.key();
                T object = everything ? null : decode(kv);
                if (everything || selection.matches(object)) {
                    items.add(item.apply(kv, object));
                    if (limit > 0 && items.size() >= limit) {
                        break;
                    }
                }
            }
            int unexamined = page.items().size() - examined;
            more = unexamined > 0 || page.more();
            if (!more || (limit > 0 && items.size() >= limit)) {
                if (more && everything) {
                    remaining = unexamined + page.remaining();
                }
                break;
            }
            startKey = lastKey + "\0";
        }
        String next = limit > 0 && more ? ContinueToken.encode(revision, lastKey.substring(prefix.length()) + "\0") : null;
        return new ListPage<>(items, revision, next, remaining);
    }

    /** Starts a watch (see {@link ResourceWatch}); events go to {@code sink} from store threads. */
    public ResourceWatch<T> watch(String namespace, WatchQuery query, WatchSink sink) {
        return ResourceWatch.start(this, watchCache, store, StorageKeys.prefix(type, namespace), namespace, query, sink);
    }

    public Selection<T> selection(String labelSelector, String fieldSelector) {
        return new Selection<>(LabelSelector.parse(labelSelector), FieldSelector.parse(fieldSelector, type.strategy()));
    }

    public T decode(KeyValue kv) {
        return decode(kv, kv.modRevision());
    }

    /** Decodes a stored value, reporting {@code revision} as its resourceVersion. */
    public T decode(KeyValue kv, long revision) {
        T object = fromStorage(kv.value());
        object.getMetadata().setResourceVersion(Long.toString(revision));
        return object;
    }

    /**
     * An empty object of this kind carrying only a resourceVersion: a watch BOOKMARK. Decoded from
     * JSON so that every model, a custom resource's too, carries apiVersion and kind (client-go
     * refuses an unstructured bookmark without a kind).
     */
    public T bookmark(long revision) {
        ObjectNode bookmark = ObjectCodec.JSON.createObjectNode();
        bookmark.put("apiVersion", type.apiVersion());
        bookmark.put("kind", type.kind());
        bookmark.putObject("metadata").put("resourceVersion", Long.toString(revision));
        try {
            return ObjectCodec.JSON.treeToValue(bookmark, type.modelClass());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot make a bookmark of " + type.modelClass(), e);
        }
    }

    private byte[] encode(T object) {
        object.getMetadata().setResourceVersion(null);
        if (type.storage().converts()) {
            return ObjectCodec.toJson(type.storage().converter().toStorage(ObjectCodec.JSON.valueToTree(object)));
        }
        return ObjectCodec.toJson(object);
    }

    private T fromStorage(byte[] bytes) {
        if (!type.storage().converts()) {
            return ObjectCodec.fromJson(bytes, type.modelClass());
        }
        try {
            ObjectNode stored = (ObjectNode) ObjectCodec.JSON.readTree(bytes);
            return ObjectCodec.JSON.treeToValue(type.storage().converter().fromStorage(stored), type.modelClass());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** kube's resourceVersion/resourceVersionMatch semantics for a list without continue. */
    private long listRevision(ListQuery query) {
        String rv = query.resourceVersion();
        if (ObjectMetaLifecycle.isEmpty(rv) || "0".equals(rv)) {
            return 0;
        }
        long requested = parseResourceVersion(rv);
        if ("Exact".equals(query.resourceVersionMatch())) {
            return requested;
        }
        long current = store.currentRevision();
        if (requested > current) {
            throw StatusErrors.resourceVersionTooLarge(requested, current);
        }
        return 0;
    }

    private ListResult readPage(String prefix, long revision, String startKey, long limit, boolean continuing) {
        try {
            return store.list(prefix, new ListOptions(revision, startKey, (int) Math.min(limit, Integer.MAX_VALUE)));
        } catch (CompactedException e) {
            throw continuing ? StatusErrors.continueExpired() : StatusErrors.resourceVersionTooOld(e.requested(), e.compacted());
        } catch (FutureRevisionException e) {
            throw StatusErrors.resourceVersionTooLarge(e.requested(), e.current());
        }
    }

    public static long parseResourceVersion(String rv) {
        try {
            long value = Long.parseLong(rv);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw StatusErrors.badRequest("invalid resource version: \"" + rv + "\"");
        }
    }

    private void checkPreconditions(Preconditions preconditions, T existing) {
        if (preconditions == null) {
            return;
        }
        ObjectMeta meta = existing.getMetadata();
        if (preconditions.getUid() != null && !preconditions.getUid().equals(meta.getUid())) {
            throw StatusErrors.preconditionFailed(type.group(), type.plural(), meta.getName(),
                    "UID in precondition: " + preconditions.getUid() + ", UID in object meta: " + meta.getUid());
        }
        if (preconditions.getResourceVersion() != null && !preconditions.getResourceVersion().equals(meta.getResourceVersion())) {
            throw StatusErrors.preconditionFailed(type.group(), type.plural(), meta.getName(),
                    "ResourceVersion in precondition: " + preconditions.getResourceVersion()
                            + ", ResourceVersion in object meta: " + meta.getResourceVersion());
        }
    }

    private Status deletedStatus(T deleted) {
        // upstream reports the resource (not the Kind) in details.kind here
        return StatusErrors.deleted(type.group(), type.plural(), deleted.getMetadata().getName(), deleted.getMetadata().getUid());
    }
}
