package io.jk8s.api.registry.scheduling;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.jk8s.api.errors.ApiException;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceStore;
import io.jk8s.api.registry.ResourceType;
import java.util.List;
import java.util.Optional;

/**
 * The two classes kube-apiserver's scheduling post-start hook creates (pkg/apis/scheduling
 * SystemPriorityClasses, pkg/registry/scheduling/rest): the only names allowed the reserved
 * {@code system-} prefix, and the only values above {@link #HIGHEST_USER_DEFINABLE}.
 */
public final class SystemPriorityClasses {

    static final String PREFIX = "system-";
    /** scheduling.HighestUserDefinablePriority. */
    static final int HIGHEST_USER_DEFINABLE = 1_000_000_000;
    private static final int SYSTEM_CRITICAL = 2 * HIGHEST_USER_DEFINABLE;

    private record Known(String name, int value, String description) {}

    private static final List<Known> KNOWN = List.of(
            new Known("system-node-critical", SYSTEM_CRITICAL + 1000,
                    "Used for system critical pods that must not be moved from their current node."),
            new Known("system-cluster-critical", SYSTEM_CRITICAL,
                    "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."));

    private SystemPriorityClasses() {}

    static boolean isSystem(String name) {
        return KNOWN.stream().anyMatch(known -> known.name().equals(name));
    }

    /** IsKnownSystemPriorityClass: empty when {@code name}/{@code value}/{@code globalDefault} are a system class's, else why not. */
    static Optional<String> mismatch(String name, int value, boolean globalDefault) {
        for (Known known : KNOWN) {
            if (known.name().equals(name)) {
                if (known.value() != value) {
                    return Optional.of("value of " + name + " PriorityClass must be " + known.value());
                }
                return globalDefault ? Optional.of("globalDefault of " + name + " PriorityClass must be false") : Optional.empty();
            }
        }
        return Optional.of(name + " is not a known system priority class");
    }

    /** Creates the missing system classes through the store (so they are defaulted like any other); blocks on storage. */
    public static void ensure(Registry registry) {
        @SuppressWarnings("unchecked")
        ResourceType<PriorityClass> type = (ResourceType<PriorityClass>) registry.table()
                .find(PriorityClassStrategy.GROUP, "v1", "priorityclasses").orElseThrow();
        ResourceStore<PriorityClass> store = registry.storeFor(type);
        for (Known known : KNOWN) {
            PriorityClass priorityClass = new PriorityClass();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(known.name());
            priorityClass.setMetadata(meta);
            priorityClass.setValue(known.value());
            priorityClass.setDescription(known.description());
            try {
                store.create(null, priorityClass);
            } catch (ApiException e) {
                if (!"AlreadyExists".equals(e.reason())) {
                    throw e;
                }
            }
        }
    }
}
