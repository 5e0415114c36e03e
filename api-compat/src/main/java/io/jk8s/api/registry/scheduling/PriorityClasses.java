package io.jk8s.api.registry.scheduling;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceType;
import java.util.Comparator;
import java.util.Optional;

/** Reads of the stored PriorityClasses through a lister, as the Priority admission plugin makes them. */
final class PriorityClasses {

    private final Registry registry;

    PriorityClasses(Registry registry) {
        this.registry = registry;
    }

    Optional<PriorityClass> get(String name) {
        return registry.listerFor(type()).get(name);
    }

    /** getDefaultPriorityClass: should a race have left several defaults, the one of lowest value. */
    Optional<PriorityClass> globalDefault() {
        return registry.listerFor(type()).list().stream()
                .filter(PriorityClassStrategy::isGlobalDefault)
                .min(Comparator.comparing(PriorityClass::getValue));
    }

    @SuppressWarnings("unchecked")
    private ResourceType<PriorityClass> type() {
        return (ResourceType<PriorityClass>) registry.table().find(PriorityClassStrategy.GROUP, "v1", "priorityclasses")
                .orElseThrow();
    }
}
