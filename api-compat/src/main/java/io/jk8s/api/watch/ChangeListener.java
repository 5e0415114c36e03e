package io.jk8s.api.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** Receives decoded changes of one resource, in revision order; must not block. */
public interface ChangeListener<T extends HasMetadata> {

    void onChanges(List<DecodedChange<T>> changes);

    /** Every change up to {@code revision} has been delivered. */
    void onProgress(long revision);

    /** No further calls follow. */
    void onClose(Throwable cause);
}
