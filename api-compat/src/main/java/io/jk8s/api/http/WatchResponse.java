package io.jk8s.api.http;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.jk8s.api.codec.ObjectCodec;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.table.TableConvertor;
import io.jk8s.api.watch.ApiWatchEvent;
import io.jk8s.api.watch.ResourceWatch;
import io.jk8s.api.watch.WatchQuery;
import io.jk8s.api.watch.WatchSink;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A watch as a chunked HTTP response, one JSON event per line. Events arrive on store threads and
 * are handed to the connection's context, which keeps their order and never blocks storage. The
 * stream ends at {@code timeoutSeconds}, when the client goes away, or when storage ends it.
 */
final class WatchResponse<T extends HasMetadata> implements WatchSink {

    /** kube-apiserver's default: a random timeout between 30 and 60 minutes; a fixed 30 will do. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final RoutingContext ctx;
    private final Context context;
    private final ResourceStore<T> store;
    private final Representation representation;
    private final TableConvertor.IncludeObject include;
    private final Clock clock;
    private final Duration timeout;
    private final Duration bookmarkInterval;
    private volatile ResourceWatch<T> watch;
    private boolean ended;
    private ServerWebSocket webSocket;
    private long timeoutTimer = -1;
    private long bookmarkTimer = -1;
    private long lastBookmarkNanos = System.nanoTime();

    WatchResponse(RoutingContext ctx, ResourceStore<T> store, Representation representation,
                  TableConvertor.IncludeObject include, Clock clock, Duration timeout, Duration bookmarkInterval) {
        this.ctx = ctx;
        this.context = ctx.vertx().getOrCreateContext();
        this.store = store;
        // watches stream JSON even to clients that prefer YAML, as kube-apiserver does
        this.representation = representation == Representation.YAML ? Representation.JSON : representation;
        this.include = include;
        this.clock = clock;
        this.timeout = timeout;
        this.bookmarkInterval = bookmarkInterval;
    }

    void start(String namespace, WatchQuery query) {
        if (isWebSocketUpgrade()) {
            // kube serves watches over WebSocket too (one text message per event); the fabric8
            // client asks for it first
            ctx.request().toWebSocket().onComplete(upgraded -> {
                if (upgraded.failed()) {
                    ended = true;
                    Responses.error(ctx, upgraded.cause());
                    return;
                }
                webSocket = upgraded.result();
                webSocket.closeHandler(v -> end());
                follow(namespace, query);
            });
            return;
        }
        ctx.response().setChunked(true)
                .putHeader("Content-Type", representation.contentType())
                .putHeader("Cache-Control", "no-cache, private");
        ctx.response().closeHandler(v -> end());
        follow(namespace, query);
    }

    private boolean isWebSocketUpgrade() {
        String upgrade = ctx.request().getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private void follow(String namespace, WatchQuery query) {
        HttpServerResponse response = ctx.response();
        ctx.vertx().executeBlocking(() -> store.watch(namespace, query, this), false).onComplete(started -> {
            if (started.failed()) {
                if (webSocket == null && !response.headWritten()) {
                    ended = true;
                    Responses.error(ctx, started.cause());
                } else {
                    end();
                }
                return;
            }
            watch = started.result();
            if (ended) {
                closeWatch();
                return;
            }
            if (webSocket == null && !response.headWritten()) {
                response.setStatusCode(200).writeHead();
            }
            timeoutTimer = ctx.vertx().setTimer(timeout.toMillis(), id -> end());
            if (query.allowWatchBookmarks()) {
                bookmarkTimer = ctx.vertx().setPeriodic(bookmarkInterval.toMillis(), id ->
                        ctx.vertx().executeBlocking(() -> {
                            watch.requestProgress();
                            return null;
                        }, false));
            }
        });
    }

    @Override
    public void onEvent(ApiWatchEvent event) {
        if (event.type() == ApiWatchEvent.Type.BOOKMARK && !dueForBookmark(event)) {
            return;
        }
        byte[] line = encode(event);
        context.runOnContext(v -> {
            if (ended) {
                return;
            }
            if (webSocket != null) {
                // a message per event, without the newline that delimits events in a stream
                webSocket.writeTextMessage(new String(line, 0, line.length - 1, java.nio.charset.StandardCharsets.UTF_8));
            } else {
                ctx.response().write(Buffer.buffer(line));
            }
        });
    }

    /**
     * Storage may report progress far more often than clients need bookmarks (kube sends about one
     * a minute); the initial-events-end bookmark of a watch-list is never dropped.
     */
    private synchronized boolean dueForBookmark(ApiWatchEvent event) {
        HasMetadata object = (HasMetadata) event.object();
        boolean initialEventsEnd = object.getMetadata().getAnnotations() != null
                && object.getMetadata().getAnnotations().containsKey(ResourceWatch.INITIAL_EVENTS_END);
        long now = System.nanoTime();
        if (!initialEventsEnd && now - lastBookmarkNanos < bookmarkInterval.toNanos()) {
            return false;
        }
        lastBookmarkNanos = now;
        return true;
    }

    @Override
    public void onEnd(Throwable cause) {
        context.runOnContext(v -> end());
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        ctx.vertx().cancelTimer(timeoutTimer);
        ctx.vertx().cancelTimer(bookmarkTimer);
        closeWatch();
        if (webSocket != null) {
            if (!webSocket.isClosed()) {
                webSocket.close();
            }
            return;
        }
        HttpServerResponse response = ctx.response();
        if (!response.ended() && !response.closed()) {
            if (!response.headWritten()) {
                response.setStatusCode(200);
            }
            response.end();
        }
    }

    private void closeWatch() {
        ResourceWatch<T> current = watch;
        if (current != null) {
            ctx.vertx().executeBlocking(() -> {
                current.close();
                return null;
            }, false);
        }
    }

    @SuppressWarnings("unchecked")
    private byte[] encode(ApiWatchEvent event) {
        if (representation != Representation.TABLE && event.encoded() != null) {
            // the object's JSON is shared by every watcher of this change; only the envelope is ours
            return envelope(event.type(), event.encoded().json());
        }
        Object object = event.object();
        if (representation == Representation.TABLE && object instanceof HasMetadata) {
            HasMetadata item = (HasMetadata) object;
            String rv = item.getMetadata().getResourceVersion();
            if (event.type() == ApiWatchEvent.Type.BOOKMARK) {
                object = TableConvertor.bookmark(rv);
            } else {
                ListMeta meta = new ListMeta();
                meta.setResourceVersion(rv);
                object = TableConvertor.convert(store.type().strategy().tableColumns(), List.of((T) item), meta, include,
                        clock.instant());
            }
        }
        byte[] json = ObjectCodec.toJson(new WireEvent(event.type().name(), object));
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    /** {@code {"type":"<TYPE>","object":<object>}} and a newline, as {@link WireEvent} serializes. */
    private static byte[] envelope(ApiWatchEvent.Type type, byte[] object) {
        byte[] head = ("{\"type\":\"" + type.name() + "\",\"object\":").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + object.length + 2];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(object, 0, line, head.length, object.length);
        line[line.length - 2] = '}';
        line[line.length - 1] = '\n';
        return line;
    }

    /** The wire shape of metav1.WatchEvent. */
    record WireEvent(String type, Object object) {}
}
