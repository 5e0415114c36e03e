package io.jk8s.storage.rocksdb;

import io.jk8s.storage.Watch;
import io.jk8s.storage.WatchEvent;
import io.jk8s.storage.WatchListener;
import java.util.ArrayList;
import java.util.List;

/**
 * One watch: filters by prefix and hands events to its listener. Every listener call happens
 * under this object's lock, so calls never overlap and none starts after {@link #close()}.
 */
final class StoreWatch implements Watch {

    private final WatchHub hub;
    private final String prefix;
    private final WatchListener listener;
    private long delivered;
    private boolean catchingUp = true;
    private boolean progressRequested;
    private boolean closed;
    private List<WatchEvent> waiting = new ArrayList<>();

    StoreWatch(WatchHub hub, String prefix, long afterRevision, WatchListener listener) {
        this.hub = hub;
        this.prefix = prefix;
        this.listener = listener;
        this.delivered = afterRevision;
    }

    /** Live events from the dispatcher; held back until the replay has caught up. */
    synchronized void offer(List<WatchEvent> events) {
        if (closed) {
            return;
        }
        List<WatchEvent> mine = matching(events);
        if (catchingUp) {
            waiting.addAll(mine);
        } else {
            deliver(mine);
        }
    }

    /** Events replayed from the change log, all older than anything in {@link #offer}. */
    synchronized void catchUp(List<WatchEvent> events) {
        if (!closed) {
            deliver(events);
        }
    }

    synchronized void caughtUp(long snapshotRevision) {
        if (closed) {
            return;
        }
        delivered = Math.max(delivered, snapshotRevision);
        catchingUp = false;
        List<WatchEvent> queued = waiting;
        waiting = null;
        deliver(matching(queued));
        if (progressRequested) {
            progress(delivered);
        }
    }

    synchronized void progress(long revision) {
        if (closed) {
            return;
        }
        if (catchingUp) {
            progressRequested = true;
            return;
        }
        delivered = Math.max(delivered, revision);
        try {
            listener.onProgress(delivered);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    synchronized void fail(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        hub.remove(this);
        try {
            listener.onClose(cause);
        } catch (RuntimeException ignored) {
            // the watch is over either way
        }
    }

    @Override
    public void requestProgress() {
        hub.requestProgress(this);
    }

    @Override
    public synchronized void close() {
        closed = true;
        hub.remove(this);
    }

    private List<WatchEvent> matching(List<WatchEvent> events) {
        List<WatchEvent> mine = new ArrayList<>();
        for (WatchEvent event : events) {
            // a live batch may overlap what the replay or the start revision already covered
            if (event.revision() > delivered && event.key().startsWith(prefix)) {
                mine.add(event);
            }
        }
        return mine;
    }

    private void deliver(List<WatchEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            listener.onEvents(events);
            delivered = events.get(events.size() - 1).revision();
        } catch (RuntimeException e) {
            fail(e);
        }
    }
}
