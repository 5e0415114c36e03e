package io.jk8s.api.codec.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2Autoscaling;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The upstream message schemas (k8s.io/api and k8s.io/apimachinery generated.proto, as compiled
 * into kubernetes-client's client-java-proto), found by {@code apiVersion/kind}: the protobuf
 * package of group {@code apps} version {@code v1} is {@code k8s.io.api.apps.v1}, of
 * {@code rbac.authorization.k8s.io/v1} {@code k8s.io.api.rbac.v1}, of the core
 * group {@code k8s.io.api.core.v1}, and each kind is the message of the same name. Nothing is
 * transcribed by hand except which scalar fields are Go pointers ({@code pointer-fields.txt}).
 * (client-java-proto carries no coordination, discovery or events v1 schemas; clients send those as JSON.)
 */
final class KubernetesProtos {

    static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    /** The envelope; only descriptors are used: client-java-proto's generated parsers are old gencode. */
    static final Descriptor UNKNOWN = Runtime.getDescriptor().findMessageTypeByName("Unknown");
    private static final List<FileDescriptor> FILES = List.of(V1.getDescriptor(), V1Apps.getDescriptor(),
            V1Batch.getDescriptor(), V1Policy.getDescriptor(), V1Autoscaling.getDescriptor(), V2Autoscaling.getDescriptor(),
            V1Rbac.getDescriptor(), V1Networking.getDescriptor(), V1Storage.getDescriptor(), V1Scheduling.getDescriptor(),
            V1Certificates.getDescriptor(), V1Admissionregistration.getDescriptor(), V1Authentication.getDescriptor(),
            V1Authorization.getDescriptor(), Meta.getDescriptor());
    private static final Map<String, Descriptor> MESSAGES = index();
    private static final Set<String> POINTER_FIELDS = fieldList("pointer-fields.txt");
    private static final Set<String> INLINE_FIELDS = checked(fieldList("inline-fields.txt"));

    private KubernetesProtos() {}

    /** The message for {@code apiVersion}/{@code kind}, or null when no upstream schema is known. */
    static Descriptor forType(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        // k8s.io/api names a group's package after its first label: rbac.authorization.k8s.io is k8s.io.api.rbac
        String group = slash < 0 ? "core" : apiVersion.substring(0, slash).split("\\.")[0];
        String version = apiVersion.substring(slash + 1);
        Descriptor found = MESSAGES.get("k8s.io.api." + group + "." + version + "." + kind);
        // meta kinds (DeleteOptions, ...) are sent with the core or meta.k8s.io apiVersion
        return found != null ? found : MESSAGES.get(META + kind);
    }

    /** Whether a zero value of this scalar field means something (a Go pointer field). */
    static boolean keepsZero(FieldDescriptor field) {
        return POINTER_FIELDS.contains(field.getFullName());
    }

    /**
     * The JSON name of a field. go-to-protobuf names a field after its Go name with the first letter
     * lowered, which is the JSON name except where the Go name starts with an initialism; in the
     * built-in kinds that is only these two (found by scanning every message of client-java-proto).
     */
    static String jsonName(FieldDescriptor field) {
        return switch (field.getFullName()) {
            case "k8s.io.api.authentication.v1.BoundObjectReference.uID" -> "uid";
            case "k8s.io.api.networking.v1.IngressClassParametersReference.aPIGroup" -> "apiGroup";
            default -> field.getName();
        };
    }

    /** Whether this message field is embedded with {@code json:",inline"} upstream, its fields lifted into the parent. */
    static boolean inlined(FieldDescriptor field) {
        return INLINE_FIELDS.contains(field.getFullName());
    }

    private static Map<String, Descriptor> index() {
        Map<String, Descriptor> messages = new HashMap<>();
        FILES.forEach(file -> file.getMessageTypes().forEach(m -> messages.put(m.getFullName(), m)));
        return Map.copyOf(messages);
    }

    private static Set<String> fieldList(String resource) {
        try (var in = KubernetesProtos.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A misspelt name would silently decode wrongly, so every listed field must exist in the schemas. */
    private static Set<String> checked(Set<String> fields) {
        for (String field : fields) {
            int dot = field.lastIndexOf('.');
            Descriptor message = MESSAGES.get(field.substring(0, dot));
            if (message == null || message.findFieldByName(field.substring(dot + 1)) == null) {
                throw new IllegalStateException("no protobuf field " + field);
            }
        }
        return fields;
    }
}
