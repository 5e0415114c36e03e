package io.jk8s.api.registry.networking;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.jk8s.api.registry.AnnotatedDefault;
import io.jk8s.api.registry.Registry;
import io.jk8s.api.registry.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-apiserver's DefaultIngressClass admission plugin (on by default,
 * plugin/pkg/admission/network/defaultingressclass): a new Ingress that names no class, neither in
 * {@code spec.ingressClassName} nor in the old annotation, gets the class annotated
 * {@code ingressclass.kubernetes.io/is-default-class: "true"}, the newest one when several are.
 */
final class DefaultIngressClass {

    static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
    private static final String IS_DEFAULT = "ingressclass.kubernetes.io/is-default-class";

    private final Registry registry;

    DefaultIngressClass(Registry registry) {
        this.registry = registry;
    }

    void admit(Ingress ingress) {
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        if (ingress.getSpec() == null || ingress.getSpec().getIngressClassName() != null
                || (annotations != null && annotations.containsKey(CLASS_ANNOTATION))) {
            return;
        }
        newestDefault().ifPresent(name -> ingress.getSpec().setIngressClassName(name));
    }

    private Optional<String> newestDefault() {
        @SuppressWarnings("unchecked")
        ResourceType<IngressClass> type = (ResourceType<IngressClass>) registry.table()
                .find("networking.k8s.io", "v1", "ingressclasses").orElseThrow();
        return AnnotatedDefault.newest(registry.listerFor(type).list(), List.of(IS_DEFAULT))
                .map(c -> c.getMetadata().getName());
    }
}
