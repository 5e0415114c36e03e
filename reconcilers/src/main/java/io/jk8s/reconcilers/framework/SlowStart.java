package io.jk8s.reconcilers.framework;

/**
 * kube's slowStartBatch: create in batches of 1, 2, 4, ... and stop at the first failure, so a
 * controller whose pods are all rejected (quota, bad template) makes one failing call, not
 * hundreds.
 */
public final class SlowStart {

    /** One creation; throws on failure. */
    public interface Creation {
        void create();
    }

    private SlowStart() {}

    /** How many creations succeeded, and the failure that stopped the rest (or null). */
    public record Outcome(int created, RuntimeException failure) {}

    public static Outcome run(int count, Creation creation) {
        int done = 0;
        int batch = 1;
        while (done < count) {
            int size = Math.min(batch, count - done);
            for (int i = 0; i < size; i++) {
                try {
                    creation.create();
                } catch (RuntimeException e) {
                    return new Outcome(done, e);
                }
                done++;
            }
            batch *= 2;
        }
        return new Outcome(done, null);
    }
}
