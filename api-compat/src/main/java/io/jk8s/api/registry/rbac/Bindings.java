package io.jk8s.api.registry.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.errors.GoValues;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What RoleBindings and ClusterRoleBindings share (pkg/apis/rbac/v1/defaults.go,
 * pkg/apis/rbac/validation, printers.go): a roleRef that never changes and a list of subjects.
 */
final class Bindings {

    static final String GROUP = "rbac.authorization.k8s.io";
    private static final String SERVICE_ACCOUNT = "ServiceAccount";
    private static final String USER = "User";
    private static final String GROUP_KIND = "Group";

    private Bindings() {}

    /** SetDefaults_RoleBinding and SetDefaults_Subject: users and groups belong to the RBAC group. */
    static void applyDefaults(RoleRef roleRef, List<Subject> subjects) {
        if (roleRef != null && (roleRef.getApiGroup() == null || roleRef.getApiGroup().isEmpty())) {
            roleRef.setApiGroup(GROUP);
        }
        if (subjects == null) {
            return;
        }
        for (Subject subject : subjects) {
            if ((subject.getApiGroup() == null || subject.getApiGroup().isEmpty())
                    && (USER.equals(subject.getKind()) || GROUP_KIND.equals(subject.getKind()))) {
                subject.setApiGroup(GROUP);
            }
        }
    }

    /** ValidateRoleBinding / ValidateClusterRoleBinding, minus the metadata checks the store makes. */
    static List<FieldError> validate(RoleRef roleRef, List<Subject> subjects, List<String> roleKinds, boolean namespaced) {
        List<FieldError> errors = new ArrayList<>();
        RoleRef ref = roleRef == null ? new RoleRef() : roleRef;
        String apiGroup = orEmpty(ref.getApiGroup());
        if (!apiGroup.equals(GROUP)) {
            errors.add(FieldError.notSupported("roleRef.apiGroup", apiGroup, List.of(GROUP)));
        }
        String kind = orEmpty(ref.getKind());
        if (!roleKinds.contains(kind)) {
            errors.add(FieldError.notSupported("roleRef.kind", kind, roleKinds));
        }
        String name = orEmpty(ref.getName());
        if (name.isEmpty()) {
            errors.add(FieldError.required("roleRef.name", ""));
        } else {
            NameRule.PATH_SEGMENT.check(name).forEach(problem -> errors.add(FieldError.invalid("roleRef.name", name, problem)));
        }
        if (subjects != null) {
            for (int i = 0; i < subjects.size(); i++) {
                subject(subjects.get(i), namespaced, "subjects[" + i + "]", errors);
            }
        }
        return errors;
    }

    /** The update rule of both kinds: a binding is deleted and recreated to point at another role. */
    static List<FieldError> validateRoleRefUnchanged(RoleRef roleRef, RoleRef old) {
        RoleRef ref = roleRef == null ? new RoleRef() : roleRef;
        RoleRef previous = old == null ? new RoleRef() : old;
        boolean same = Objects.equals(orEmpty(ref.getApiGroup()), orEmpty(previous.getApiGroup()))
                && Objects.equals(orEmpty(ref.getKind()), orEmpty(previous.getKind()))
                && Objects.equals(orEmpty(ref.getName()), orEmpty(previous.getName()));
        return same ? List.of() : List.of(FieldError.invalidRaw("roleRef", goValue(ref), "cannot change roleRef"));
    }

    /** The internal type's {@code %#v}: {@code rbac.RoleRef{APIGroup:"…", Kind:"…", Name:"…"}}. */
    private static String goValue(RoleRef ref) {
        return "rbac.RoleRef{APIGroup:" + GoValues.quote(orEmpty(ref.getApiGroup())) + ", Kind:" + GoValues.quote(orEmpty(ref.getKind()))
                + ", Name:" + GoValues.quote(orEmpty(ref.getName())) + "}";
    }

    /** validateRoleBindingSubject. */
    private static void subject(Subject subject, boolean namespaced, String path, List<FieldError> errors) {
        String name = orEmpty(subject.getName());
        String apiGroup = orEmpty(subject.getApiGroup());
        String kind = orEmpty(subject.getKind());
        if (name.isEmpty()) {
            errors.add(FieldError.required(path + ".name", ""));
        }
        switch (kind) {
            case SERVICE_ACCOUNT -> {
                if (!name.isEmpty()) {
                    NameRule.DNS1123_SUBDOMAIN.check(name).forEach(problem -> errors.add(FieldError.invalid(path + ".name", name, problem)));
                }
                if (!apiGroup.isEmpty()) {
                    errors.add(FieldError.notSupported(path + ".apiGroup", apiGroup, List.of("")));
                }
                if (!namespaced && orEmpty(subject.getNamespace()).isEmpty()) {
                    errors.add(FieldError.required(path + ".namespace", ""));
                }
            }
            case USER, GROUP_KIND -> {
                if (name.isEmpty()) {
                    errors.add(FieldError.invalid(path + ".name", name, (kind.equals(USER) ? "user" : "group") + " name cannot be empty"));
                }
                if (!apiGroup.equals(GROUP)) {
                    errors.add(FieldError.notSupported(path + ".apiGroup", apiGroup, List.of(GROUP)));
                }
            }
            default -> errors.add(FieldError.notSupported(path + ".kind", kind, List.of(SERVICE_ACCOUNT, USER, GROUP_KIND)));
        }
    }

    /**
     * printers.go printRoleBinding / printClusterRoleBinding: ROLE is {@code Kind/name}; the wide
     * columns list the subjects as rbac.SubjectsStrings does (service accounts as namespace/name).
     */
    static <T extends HasMetadata> List<TableColumn<T>> tableColumns(String roleRefDescription, String bindingWord,
            Function<T, RoleRef> roleRef, Function<T, List<Subject>> subjects) {
        return List.of(StandardColumns.name(),
                TableColumn.of("Role", "string", roleRefDescription, (b, now) -> {
                    RoleRef ref = roleRef.apply(b) == null ? new RoleRef() : roleRef.apply(b);
                    return orEmpty(ref.getKind()) + "/" + orEmpty(ref.getName());
                }),
                StandardColumns.age(),
                TableColumn.<T>of("Users", "string", "Users in the " + bindingWord,
                        (b, now) -> names(subjects.apply(b), USER, Subject::getName)).priority(1),
                TableColumn.<T>of("Groups", "string", "Groups in the " + bindingWord,
                        (b, now) -> names(subjects.apply(b), GROUP_KIND, Subject::getName)).priority(1),
                TableColumn.<T>of("ServiceAccounts", "string", "ServiceAccounts in the " + bindingWord,
                        (b, now) -> names(subjects.apply(b), SERVICE_ACCOUNT,
                                s -> orEmpty(s.getNamespace()) + "/" + orEmpty(s.getName()))).priority(1));
    }

    private static String names(List<Subject> subjects, String kind, Function<Subject, String> shown) {
        return subjects == null ? "" : String.join(", ", subjects.stream().filter(s -> kind.equals(s.getKind())).map(shown).toList());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
