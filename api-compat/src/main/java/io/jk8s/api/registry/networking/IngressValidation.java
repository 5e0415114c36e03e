package io.jk8s.api.registry.networking;

import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import java.util.ArrayList;
import java.util.List;

/**
 * ValidateIngressSpec (pkg/apis/networking/validation/validation.go) with upstream's messages:
 * rules or a default backend, DNS host names, absolute paths with a supported pathType, and
 * backends naming exactly one service (with a port) or resource.
 */
final class IngressValidation {

    private static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
    private static final List<String> INVALID_PATH_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
    private static final List<String> INVALID_PATH_SUFFIXES = List.of("/..", "/.");

    private IngressValidation() {}

    static List<FieldError> validateSpec(IngressSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        List<IngressRule> rules = spec.getRules() == null ? List.of() : spec.getRules();
        if (rules.isEmpty() && spec.getDefaultBackend() == null) {
            errors.add(FieldError.invalidRaw("spec", "[]networking.IngressRule(nil)",
                    "either `defaultBackend` or `rules` must be specified"));
        }
        if (spec.getDefaultBackend() != null) {
            backend(spec.getDefaultBackend(), "spec.defaultBackend", errors);
        }
        for (int i = 0; i < rules.size(); i++) {
            rule(rules.get(i), "spec.rules[" + i + "]", errors);
        }
        List<IngressTLS> tls = spec.getTls() == null ? List.of() : spec.getTls();
        for (int i = 0; i < tls.size(); i++) {
            tls(tls.get(i), "spec.tls[" + i + "]", errors);
        }
        if (spec.getIngressClassName() != null) {
            for (String problem : NameRule.DNS1123_SUBDOMAIN.check(spec.getIngressClassName())) {
                errors.add(FieldError.invalid("spec.ingressClassName", spec.getIngressClassName(), problem));
            }
        }
        return errors;
    }

    private static void rule(IngressRule rule, String path, List<FieldError> errors) {
        String host = rule.getHost();
        if (host != null && !host.isEmpty()) {
            if (HostNames.isIp(host)) {
                errors.add(FieldError.invalid(path + ".host", host, "must be a DNS name, not an IP address"));
            }
            HostNames.check(host).forEach(problem -> errors.add(FieldError.invalid(path + ".host", host, problem)));
        }
        HTTPIngressRuleValue http = rule.getHttp();
        if (http == null) {
            return;
        }
        List<HTTPIngressPath> paths = http.getPaths() == null ? List.of() : http.getPaths();
        if (paths.isEmpty()) {
            errors.add(FieldError.required(path + ".http.paths", ""));
        }
        for (int i = 0; i < paths.size(); i++) {
            httpPath(paths.get(i), path + ".http.paths[" + i + "]", errors);
        }
    }

    private static void httpPath(HTTPIngressPath httpPath, String path, List<FieldError> errors) {
        String type = httpPath.getPathType();
        if (type == null) {
            errors.add(FieldError.required(path + ".pathType", "pathType must be specified"));
            return;
        }
        String value = httpPath.getPath() == null ? "" : httpPath.getPath();
        switch (type) {
            case "Exact", "Prefix" -> {
                if (!value.startsWith("/")) {
                    errors.add(FieldError.invalid(path + ".path", value, "must be an absolute path"));
                }
                for (String sequence : INVALID_PATH_SEQUENCES) {
                    if (value.contains(sequence)) {
                        errors.add(FieldError.invalid(path + ".path", value, "must not contain '" + sequence + "'"));
                    }
                }
                for (String suffix : INVALID_PATH_SUFFIXES) {
                    if (value.endsWith(suffix)) {
                        errors.add(FieldError.invalid(path + ".path", value, "cannot end with '" + suffix + "'"));
                    }
                }
            }
            case "ImplementationSpecific" -> {
                if (!value.isEmpty() && !value.startsWith("/")) {
                    errors.add(FieldError.invalid(path + ".path", value, "must be an absolute path"));
                }
            }
            default -> errors.add(FieldError.notSupported(path + ".pathType", type, PATH_TYPES));
        }
        backend(httpPath.getBackend() == null ? new IngressBackend() : httpPath.getBackend(), path + ".backend", errors);
    }

    /** validateIngressBackend. */
    static void backend(IngressBackend backend, String path, List<FieldError> errors) {
        if (backend.getResource() != null && backend.getService() != null) {
            errors.add(FieldError.invalid(path, "", "cannot set both resource and service backends"));
        } else if (backend.getResource() != null) {
            TypedLocalObjectReference resource = backend.getResource();
            LocalReferences.validate(resource.getApiGroup(), resource.getKind(), resource.getName(), path + ".resource", errors);
        } else if (backend.getService() != null) {
            String name = backend.getService().getName();
            if (name == null || name.isEmpty()) {
                errors.add(FieldError.required(path + ".service.name", ""));
            } else {
                NameRule.DNS1035_LABEL.check(name)
                        .forEach(problem -> errors.add(FieldError.invalid(path + ".service.name", name, problem)));
            }
            port(backend.getService().getPort(), path, errors);
        } else {
            errors.add(FieldError.invalid(path, "", "resource or service backend is required"));
        }
    }

    private static void port(ServiceBackendPort port, String path, List<FieldError> errors) {
        String name = port == null || port.getName() == null ? "" : port.getName();
        int number = port == null || port.getNumber() == null ? 0 : port.getNumber();
        if (!name.isEmpty() && number != 0) {
            errors.add(FieldError.invalid(path, "", "cannot set both port name & port number"));
        } else if (!name.isEmpty()) {
            Ports.checkName(name).forEach(problem -> errors.add(FieldError.invalid(path + ".service.port.name", name, problem)));
        } else if (number != 0) {
            Ports.checkNumber(number).forEach(problem -> errors.add(FieldError.invalid(path + ".service.port.number", number,
                    problem)));
        } else {
            errors.add(FieldError.required(path, "port name or number is required"));
        }
    }

    private static void tls(IngressTLS tls, String path, List<FieldError> errors) {
        List<String> hosts = tls.getHosts() == null ? List.of() : tls.getHosts();
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            String field = path + ".hosts[" + i + "]";
            HostNames.check(host).forEach(problem -> errors.add(FieldError.invalid(field, host, problem)));
        }
        String secret = tls.getSecretName();
        if (secret != null && !secret.isEmpty()) {
            NameRule.DNS1123_SUBDOMAIN.check(secret)
                    .forEach(problem -> errors.add(FieldError.invalid(path + ".secretName", secret, problem)));
        }
    }
}
