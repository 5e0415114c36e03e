package io.jk8s.api.registry.apiextensions;

import io.jk8s.api.errors.StatusErrors;

/**
 * Whether a CustomResourceDefinition is being deleted, shared by the rows of its versions and
 * updated as the definition changes, without rebuilding the rows (which would end their watches).
 */
final class DefinitionLifecycle {

    private final String group;
    private final String plural;
    private volatile boolean terminating;

    DefinitionLifecycle(String group, String plural) {
        this.group = group;
        this.plural = plural;
    }

    void terminating(boolean terminating) {
        this.terminating = terminating;
    }

    /** crdHandler: no new objects while the definition's objects are being removed. */
    void admitCreate() {
        if (terminating) {
            throw StatusErrors.terminatingDefinition(group, plural, "create");
        }
    }
}
