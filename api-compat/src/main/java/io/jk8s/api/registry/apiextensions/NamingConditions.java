package io.jk8s.api.registry.apiextensions;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * kube's naming controller (apiextensions-apiserver pkg/controller/status/naming_controller.go),
 * with the establishing controller's one step: a definition's requested names are accepted unless
 * another definition of its group has accepted them already (plurals, singulars and short names
 * share one space, kinds and list kinds another). A name that is taken leaves the previously
 * accepted one in place and sets NamesAccepted False with the conflict's reason; a definition is
 * Established once all its names were accepted, and stays so.
 */
final class NamingConditions {

    private NamingConditions() {}

    /**
     * Sets the accepted names, NamesAccepted and Established of {@code crd} against the other
     * stored definitions; answers whether the status changed.
     */
    static boolean apply(CustomResourceDefinition crd, List<CustomResourceDefinition> stored, String now) {
        Set<String> resources = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (CustomResourceDefinition other : stored) {
            if (other.getMetadata().getName().equals(crd.getMetadata().getName())
                    || !Objects.equals(other.getSpec().getGroup(), crd.getSpec().getGroup())
                    || other.getStatus() == null || other.getStatus().getAcceptedNames() == null) {
                continue;
            }
            CustomResourceDefinitionNames taken = other.getStatus().getAcceptedNames();
            resources.add(taken.getPlural());
            resources.add(taken.getSingular());
            if (taken.getShortNames() != null) {
                resources.addAll(taken.getShortNames());
            }
            kinds.add(taken.getKind());
            kinds.add(taken.getListKind());
        }
        CustomResourceDefinitionNames requested = crd.getSpec().getNames() == null
                ? new CustomResourceDefinitionNames() : crd.getSpec().getNames();
        CustomResourceDefinitionNames accepted = crd.getStatus().getAcceptedNames() == null
                ? new CustomResourceDefinitionNames() : crd.getStatus().getAcceptedNames();
        CustomResourceDefinitionNames next = copy(accepted);
        Conflicts conflicts = new Conflicts();
        next.setPlural(conflicts.check(requested.getPlural(), accepted.getPlural(), resources, "PluralConflict"));
        next.setSingular(conflicts.check(requested.getSingular(), accepted.getSingular(), resources, "SingularConflict"));
        List<String> requestedShort = requested.getShortNames() == null ? List.of() : requested.getShortNames();
        List<String> acceptedShort = accepted.getShortNames() == null ? List.of() : accepted.getShortNames();
        if (!requestedShort.equals(acceptedShort)) {
            List<String> taken = requestedShort.stream()
                    .filter(shortName -> !acceptedShort.contains(shortName) && resources.contains(shortName))
                    .map(NamingConditions::inUse).toList();
            if (!taken.isEmpty()) {
                // utilerrors.NewAggregate's message: one error as is, several in brackets
                conflicts.found("ShortNamesConflict", taken.size() == 1 ? taken.get(0) : "[" + String.join(", ", taken) + "]");
            } else {
                next.setShortNames(requested.getShortNames() == null ? null : new ArrayList<>(requested.getShortNames()));
            }
        }
        next.setKind(conflicts.check(requested.getKind(), accepted.getKind(), kinds, "KindConflict"));
        next.setListKind(conflicts.check(requested.getListKind(), accepted.getListKind(), kinds, "ListKindConflict"));
        next.setCategories(requested.getCategories() == null ? null : new ArrayList<>(requested.getCategories()));
        // Go writes these two even when empty: no omitempty on them
        next.setPlural(Objects.requireNonNullElse(next.getPlural(), ""));
        next.setKind(Objects.requireNonNullElse(next.getKind(), ""));

        String reason = conflicts.reason;
        String message = conflicts.message;
        boolean namesAccepted = reason == null;
        CustomResourceDefinitionCondition names = namesAccepted
                ? new CustomResourceDefinitionCondition(now, "no conflicts found", null, "NoConflicts", "True",
                CustomResourceDefinitionStrategy.NAMES_ACCEPTED)
                : new CustomResourceDefinitionCondition(now, message, null, reason, "False",
                CustomResourceDefinitionStrategy.NAMES_ACCEPTED);
        String before = crd.getStatus().toString();
        crd.getStatus().setAcceptedNames(next);
        CustomResourceDefinitionStrategy.setCondition(crd, names);
        boolean established = CustomResourceDefinitionStrategy.isTrue(crd, CustomResourceDefinitionStrategy.ESTABLISHED);
        if (!established && namesAccepted) {
            CustomResourceDefinitionStrategy.setCondition(crd, new CustomResourceDefinitionCondition(now,
                    "the initial names have been accepted", null, "InitialNamesAccepted", "True",
                    CustomResourceDefinitionStrategy.ESTABLISHED));
        } else if (!established && crd.getStatus().getConditions().stream()
                .noneMatch(c -> CustomResourceDefinitionStrategy.ESTABLISHED.equals(c.getType()))) {
            CustomResourceDefinitionStrategy.setCondition(crd, new CustomResourceDefinitionCondition(now,
                    "not all names are accepted", null, "NotAccepted", "False", CustomResourceDefinitionStrategy.ESTABLISHED));
        }
        return !before.equals(crd.getStatus().toString());
    }

    /** The conflicts found so far; as in kube, the last one names the condition's reason. */
    private static final class Conflicts {
        private String reason;
        private String message;

        /** equalToAcceptedOrFresh: the requested name when it is already this definition's or nobody else's, else the accepted one. */
        String check(String requested, String accepted, Set<String> used, String conflictReason) {
            if (Objects.equals(requested, accepted) || !used.contains(requested)) {
                return requested;
            }
            found(conflictReason, inUse(requested));
            return accepted;
        }

        void found(String conflictReason, String conflictMessage) {
            reason = conflictReason;
            message = conflictMessage;
        }
    }

    private static String inUse(String name) {
        return "\"" + name + "\" is already in use";
    }

    private static CustomResourceDefinitionNames copy(CustomResourceDefinitionNames names) {
        return new CustomResourceDefinitionNames(names.getCategories() == null ? null : new ArrayList<>(names.getCategories()),
                names.getKind(), names.getListKind(), names.getPlural(),
                names.getShortNames() == null ? null : new ArrayList<>(names.getShortNames()), names.getSingular());
    }
}
