package io.jk8s.reconcilers.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Optional;

/** Controller references (ownerReferences with {@code controller: true}), as controllers set and read them. */
public final class Owners {

    private Owners() {}

    public static Optional<OwnerReference> controllerOf(HasMetadata object) {
        if (object.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return object.getMetadata().getOwnerReferences().stream()
                .filter(ref -> Boolean.TRUE.equals(ref.getController()))
                .findFirst();
    }

    public static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
        return controllerOf(object).map(ref -> ref.getUid().equals(owner.getMetadata().getUid())).orElse(false);
    }

    /** The reference a controller puts on what it creates; blockOwnerDeletion serves foreground deletion. */
    public static OwnerReference controllerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** "namespace/name", the key informers and work queues use. */
    public static String key(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null ? object.getMetadata().getName() : namespace + "/" + object.getMetadata().getName();
    }

    public static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
