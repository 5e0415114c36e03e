package io.jk8s.reconcilers.framework;

import java.time.Duration;

/**
 * Takes one step from the actual state of {@code key} ("namespace/name") toward its desired
 * state, reading both afresh. Level-triggered: safe to call twice, safe after a crash. Throwing
 * retries the key with backoff.
 */
public interface Reconciler {

    /** @return when to look again even if nothing changes, or null for "only on change" */
    Duration reconcile(String key) throws Exception;
}
