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
        String reason = null;
        String message = null;

        String conflict = conflict(requested.getPlural(), accepted.getPlural(), resources);
        if (conflict != null) {
            reason = "PluralConflict";
            message = conflict;
        } else {
            next.setPlural(requested.getPlural());
        }
        conflict = conflict(requested.getSingular(), accepted.getSingular(), resources);
        if (conflict != null) {
            reason = "SingularConflict";
            message = conflict;
        } else {
            next.setSingular(requested.getSingular());
        }
        List<String> requestedShort = requested.getShortNames() == null ? List.of() : requested.getShortNames();
        List<String> acceptedShort = accepted.getShortNames() == null ? List.of() : accepted.getShortNames();
        if (!requestedShort.equals(acceptedShort)) {
            List<String> conflicts = new ArrayList<>();
            for (String shortName : requestedShort) {
                if (!acceptedShort.contains(shortName)) {
                    String taken = conflict(shortName, "", resources);
                    if (taken != null) {
                        conflicts.add(taken);
                    }
                }
            }
            if (!conflicts.isEmpty()) {
                reason = "ShortNamesConflict";
                // utilerrors.NewAggregate's message: one error as is, several in brackets
                message = conflicts.size() == 1 ? conflicts.get(0) : "[" + String.join(", ", conflicts) + "]";
            } else {
                next.setShortNames(requested.getShortNames() == null ? null : new ArrayList<>(requested.getShortNames()));
            }
        }
        conflict = conflict(requested.getKind(), accepted.getKind(), kinds);
        if (conflict != null) {
            reason = "KindConflict";
            message = conflict;
        } else {
            next.setKind(requested.getKind());
        }
        conflict = conflict(requested.getListKind(), accepted.getListKind(), kinds);
        if (conflict != null) {
            reason = "ListKindConflict";
            message = conflict;
        } else {
            next.setListKind(requested.getListKind());
        }
        next.setCategories(requested.getCategories() == null ? null : new ArrayList<>(requested.getCategories()));
        // Go writes these two even when empty: no omitempty on them
        next.setPlural(Objects.requireNonNullElse(next.getPlural(), ""));
        next.setKind(Objects.requireNonNullElse(next.getKind(), ""));

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

    /** equalToAcceptedOrFresh: a name is fine when it is already this definition's or nobody else's. */
    private static String conflict(String requested, String accepted, Set<String> used) {
        if (Objects.equals(requested, accepted) || !used.contains(requested)) {
            return null;
        }
        return "\"" + requested + "\" is already in use";
    }

    private static CustomResourceDefinitionNames copy(CustomResourceDefinitionNames names) {
        return new CustomResourceDefinitionNames(names.getCategories() == null ? null : new ArrayList<>(names.getCategories()),
                names.getKind(), names.getListKind(), names.getPlural(),
                names.getShortNames() == null ? null : new ArrayList<>(names.getShortNames()), names.getSingular());
    }
}
