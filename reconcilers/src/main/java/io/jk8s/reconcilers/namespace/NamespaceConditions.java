package io.jk8s.reconcilers.namespace;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The conditions the namespace deleter reports while it waits (NamespaceContentRemaining,
 * NamespaceFinalizersRemaining, with kube's reasons and messages), shown by {@code kubectl describe ns}.
 */
final class NamespaceConditions {

    private static final String DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";

    private NamespaceConditions() {}

    static void update(KubernetesClient client, String name, Map<String, Integer> resources, Map<String, Integer> finalizers,
                       Map<String, String> failedGroups) {
        List<NamespaceCondition> wanted = new ArrayList<>(List.of(
                condition("NamespaceContentRemaining", !resources.isEmpty(),
                        resources.isEmpty() ? "ContentRemoved" : "SomeResourcesRemain",
                        resources.isEmpty() ? "All content successfully removed"
                                : "Some resources are remaining: " + join(resources, "has", "resource instances")),
                condition("NamespaceFinalizersRemaining", !finalizers.isEmpty(),
                        finalizers.isEmpty() ? "ContentHasNoFinalizers" : "SomeFinalizersRemain",
                        finalizers.isEmpty() ? "All content-preserving finalizers finished"
                                : "Some content in the namespace has finalizers remaining: " + join(finalizers, "in", "resource instances"))));
        Namespace current = client.namespaces().withName(name).get();
        if (current == null || current.getStatus() == null) {
            return;
        }
        List<NamespaceCondition> conditions = new ArrayList<>(current.getStatus().getConditions() == null
                ? List.of() : current.getStatus().getConditions());
        // status_condition_utils.go ProcessDiscoverResourcesErr, with discovery.ErrGroupDiscoveryFailed's message;
        // reported back as discovered once a failure is over
        if (!failedGroups.isEmpty() || conditions.stream().anyMatch(c -> c.getType().equals(DISCOVERY_FAILURE))) {
            wanted.add(0, condition(DISCOVERY_FAILURE, !failedGroups.isEmpty(),
                    failedGroups.isEmpty() ? "ResourcesDiscovered" : "DiscoveryFailed",
                    failedGroups.isEmpty() ? "All resources successfully discovered"
                            : "Discovery failed for some groups, " + failedGroups.size() + " failing: unable to retrieve the "
                            + "complete list of server APIs: " + failedGroups.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))));
        }
        boolean changed = false;
        for (NamespaceCondition condition : wanted) {
            NamespaceCondition existing = conditions.stream().filter(c -> c.getType().equals(condition.getType())).findFirst().orElse(null);
            if (existing != null && Objects.equals(existing.getStatus(), condition.getStatus())
                    && Objects.equals(existing.getReason(), condition.getReason())
                    && Objects.equals(existing.getMessage(), condition.getMessage())) {
                continue;
            }
            conditions.remove(existing);
            conditions.add(condition);
            changed = true;
        }
        if (changed) {
            current.getStatus().setConditions(conditions);
            client.namespaces().resource(current).updateStatus();
        }
    }

    private static NamespaceCondition condition(String type, boolean status, String reason, String message) {
        NamespaceCondition condition = new NamespaceCondition();
        condition.setType(type);
        condition.setStatus(status ? "True" : "False");
        condition.setReason(reason);
        condition.setMessage(message);
        condition.setLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return condition;
    }

    private static String join(Map<String, Integer> counts, String verb, String noun) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + verb + " " + e.getValue() + " " + noun)
                .collect(Collectors.joining(", "));
    }
}
