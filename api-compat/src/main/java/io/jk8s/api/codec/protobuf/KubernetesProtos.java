package io.jk8s.api.codec.protobuf;

import static io.jk8s.api.codec.protobuf.ProtoMessage.Type.BOOL;
import static io.jk8s.api.codec.protobuf.ProtoMessage.Type.BYTES;
import static io.jk8s.api.codec.protobuf.ProtoMessage.Type.BYTES_MAP;
import static io.jk8s.api.codec.protobuf.ProtoMessage.Type.INT64;
import static io.jk8s.api.codec.protobuf.ProtoMessage.Type.STRING;
import static io.jk8s.api.codec.protobuf.ProtoMessage.Type.STRING_MAP;
import static io.jk8s.api.codec.protobuf.ProtoMessage.Type.TIME;

import java.util.Map;

/**
 * Message schemas by {@code apiVersion/kind}, field numbers as in k8s.io/api and
 * k8s.io/apimachinery generated.proto. Typed clients (kubectl create, client-go) send protobuf
 * bodies for built-in kinds, so each kind they can create needs its message here. Fields not
 * listed are skipped when decoding.
 */
public final class KubernetesProtos {

    /** runtime.TypeMeta and runtime.Unknown: the envelope around every protobuf body. */
    static final ProtoMessage TYPE_META = new ProtoMessage("runtime.TypeMeta")
            .scalar(1, "apiVersion", STRING)
            .scalar(2, "kind", STRING);
    static final ProtoMessage UNKNOWN = new ProtoMessage("runtime.Unknown")
            .message(1, "typeMeta", TYPE_META)
            .scalar(2, "raw", BYTES)
            .scalar(3, "contentEncoding", STRING)
            .scalar(4, "contentType", STRING);

    static final ProtoMessage OWNER_REFERENCE = new ProtoMessage("meta.v1.OwnerReference")
            .scalar(1, "kind", STRING)
            .scalar(3, "name", STRING)
            .scalar(4, "uid", STRING)
            .scalar(5, "apiVersion", STRING)
            .scalar(6, "controller", BOOL)
            .scalar(7, "blockOwnerDeletion", BOOL);

    static final ProtoMessage OBJECT_META = new ProtoMessage("meta.v1.ObjectMeta")
            .scalar(1, "name", STRING)
            .scalar(2, "generateName", STRING)
            .scalar(3, "namespace", STRING)
            .scalar(4, "selfLink", STRING)
            .scalar(5, "uid", STRING)
            .scalar(6, "resourceVersion", STRING)
            .scalar(7, "generation", INT64)
            .scalar(8, "creationTimestamp", TIME)
            .scalar(9, "deletionTimestamp", TIME)
            .scalar(10, "deletionGracePeriodSeconds", INT64)
            .scalar(11, "labels", STRING_MAP)
            .scalar(12, "annotations", STRING_MAP)
            .repeatedMessage(13, "ownerReferences", OWNER_REFERENCE)
            .repeated(14, "finalizers", STRING);

    static final ProtoMessage CONFIG_MAP = new ProtoMessage("core.v1.ConfigMap")
            .message(1, "metadata", OBJECT_META)
            .scalar(2, "data", STRING_MAP)
            .scalar(3, "binaryData", BYTES_MAP)
            .scalar(4, "immutable", BOOL);

    static final ProtoMessage NAMESPACE = new ProtoMessage("core.v1.Namespace")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", new ProtoMessage("core.v1.NamespaceSpec").repeated(1, "finalizers", STRING))
            .message(3, "status", new ProtoMessage("core.v1.NamespaceStatus").scalar(1, "phase", STRING));

    static final ProtoMessage PRECONDITIONS = new ProtoMessage("meta.v1.Preconditions")
            .scalar(1, "uid", STRING)
            .scalar(2, "resourceVersion", STRING);

    static final ProtoMessage DELETE_OPTIONS = new ProtoMessage("meta.v1.DeleteOptions")
            .scalar(1, "gracePeriodSeconds", INT64)
            .message(2, "preconditions", PRECONDITIONS)
            .scalar(3, "orphanDependents", BOOL)
            .scalar(4, "propagationPolicy", STRING)
            .repeated(5, "dryRun", STRING);

    private static final Map<String, ProtoMessage> BY_TYPE = Map.of(
            "v1/ConfigMap", CONFIG_MAP,
            "v1/Namespace", NAMESPACE,
            "v1/DeleteOptions", DELETE_OPTIONS,
            "meta.k8s.io/v1/DeleteOptions", DELETE_OPTIONS);

    private KubernetesProtos() {}

    /** The schema for {@code apiVersion}/{@code kind}, or null when this server cannot decode it. */
    static ProtoMessage forType(String apiVersion, String kind) {
        return BY_TYPE.get(apiVersion + "/" + kind);
    }
}
