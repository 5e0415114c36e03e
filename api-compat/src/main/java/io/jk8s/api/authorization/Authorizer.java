package io.jk8s.api.authorization;

import io.jk8s.api.registry.Registry;

/**
 * The authorizer chain kube-apiserver runs (pkg/kubeapiserver/authorizer): members of system:masters
 * are allowed everything first, without looking at any policy (which also keeps the local
 * administrator's requests free of RBAC work); everyone else is up to {@link RbacAuthorizer}.
 */
public final class Authorizer {

    private final RbacAuthorizer rbac;

    public Authorizer(Registry registry) {
        this.rbac = new RbacAuthorizer(registry);
    }

    public Decision authorize(Attributes request) {
        if (request.user().privileged()) {
            return Decision.PRIVILEGED;
        }
        return rbac.authorize(request);
    }

    public RbacAuthorizer rbac() {
        return rbac;
    }
}
