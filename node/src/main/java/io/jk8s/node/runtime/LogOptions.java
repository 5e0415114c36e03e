package io.jk8s.node.runtime;

import java.time.Instant;

/**
 * What {@code pods/log} may ask for.
 *
 * @param tailLines last N lines only, or null for all
 * @param since     entries at or after this time only, or null (Docker resolves it to whole seconds)
 */
public record LogOptions(boolean follow, Integer tailLines, boolean timestamps, Instant since) {

    public static LogOptions all() {
        return new LogOptions(false, null, false, null);
    }

    public LogOptions following() {
        return new LogOptions(true, tailLines, timestamps, since);
    }

    public LogOptions tail(int lines) {
        return new LogOptions(follow, lines, timestamps, since);
    }

    public LogOptions withTimestamps() {
        return new LogOptions(follow, tailLines, true, since);
    }

    public LogOptions since(Instant time) {
        return new LogOptions(follow, tailLines, timestamps, time);
    }
}
