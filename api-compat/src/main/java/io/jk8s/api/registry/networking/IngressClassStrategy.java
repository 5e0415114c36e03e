package io.jk8s.api.registry.networking;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassParametersReference;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassSpec;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** IngressClasses (pkg/registry/networking/ingressclass/strategy.go), cluster-scoped and without status. */
public final class IngressClassStrategy implements Strategy<IngressClass> {

    private static final String CLUSTER = "Cluster";
    private static final String NAMESPACE = "Namespace";
    private static final String HTTP_PATH_FORMAT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
    private static final Pattern HTTP_PATH = Pattern.compile(HTTP_PATH_FORMAT);

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    /** SetDefaults_IngressClass: parameters without a scope are cluster-scoped. */
    @Override
    public void applyDefaults(IngressClass ingressClass) {
        IngressClassParametersReference parameters = spec(ingressClass).getParameters();
        if (parameters != null && parameters.getScope() == null) {
            parameters.setScope(CLUSTER);
        }
    }

    @Override
    public List<FieldError> validate(IngressClass ingressClass) {
        List<FieldError> errors = new ArrayList<>();
        controller(spec(ingressClass).getController(), errors);
        parameters(spec(ingressClass).getParameters(), errors);
        return errors;
    }

    @Override
    public List<FieldError> validateUpdate(IngressClass ingressClass, IngressClass old) {
        List<FieldError> errors = new ArrayList<>();
        String controller = spec(ingressClass).getController();
        if (!Objects.equals(controller, spec(old).getController())) {
            errors.add(FieldError.invalid("spec.controller", controller == null ? "" : controller, "field is immutable"));
        }
        errors.addAll(validate(ingressClass));
        return errors;
    }

    @Override
    public List<TableColumn<IngressClass>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Controller", "string", "Controller that is responsible for handling this class",
                        (c, now) -> spec(c).getController() == null ? "" : spec(c).getController()),
                TableColumn.of("Parameters", "string", "A reference to a resource with additional parameters",
                        (c, now) -> parameters(spec(c).getParameters())),
                StandardColumns.age());
    }

    /** printers.go printIngressClass: {@code Kind[.apiGroup]/name}. */
    private static String parameters(IngressClassParametersReference parameters) {
        if (parameters == null) {
            return "<none>";
        }
        String kind = parameters.getApiGroup() == null ? parameters.getKind() : parameters.getKind() + "." + parameters.getApiGroup();
        return kind + "/" + parameters.getName();
    }

    /** apimachinery's IsDomainPrefixedPath, e.g. {@code k8s.io/ingress-nginx}. */
    private static void controller(String controller, List<FieldError> errors) {
        if (controller == null || controller.isEmpty()) {
            errors.add(FieldError.required("spec.controller", ""));
            return;
        }
        String[] segments = controller.split("/", 2);
        if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
            errors.add(FieldError.invalid("spec.controller", controller, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
            return;
        }
        NameRule.DNS1123_SUBDOMAIN.check(segments[0])
                .forEach(problem -> errors.add(FieldError.invalid("spec.controller", segments[0], problem)));
        if (!HTTP_PATH.matcher(segments[1]).matches()) {
            errors.add(FieldError.invalid("spec.controller", segments[1],
                    "Invalid path (regex used for validation is '" + HTTP_PATH_FORMAT + "')"));
        }
    }

    /** validateIngressClassParametersReference. */
    private static void parameters(IngressClassParametersReference parameters, List<FieldError> errors) {
        if (parameters == null) {
            return;
        }
        String path = "spec.parameters";
        LocalReferences.validate(parameters.getApiGroup(), parameters.getKind(), parameters.getName(), path, errors);
        String scope = parameters.getScope();
        String namespace = parameters.getNamespace();
        if (scope == null) {
            errors.add(FieldError.required(path + ".scope", ""));
        } else if (!scope.equals(CLUSTER) && !scope.equals(NAMESPACE)) {
            errors.add(FieldError.notSupported(path + ".scope", scope, List.of(CLUSTER, NAMESPACE)));
        } else if (scope.equals(NAMESPACE) && namespace == null) {
            errors.add(FieldError.required(path + ".namespace", "`parameters.scope` is set to 'Namespace'"));
        } else if (scope.equals(NAMESPACE)) {
            NameRule.DNS1123_LABEL.check(namespace)
                    .forEach(problem -> errors.add(FieldError.invalid(path + ".namespace", namespace, problem)));
        } else if (namespace != null) {
            errors.add(FieldError.forbidden(path + ".namespace", "`parameters.scope` is set to 'Cluster'"));
        }
    }

    private static IngressClassSpec spec(IngressClass ingressClass) {
        return ingressClass.getSpec() == null ? new IngressClassSpec() : ingressClass.getSpec();
    }
}
