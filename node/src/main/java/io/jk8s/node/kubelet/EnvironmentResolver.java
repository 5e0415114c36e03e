package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's environment as kubelet's {@code makeEnvironmentVariables} builds it: envFrom first
 * (ConfigMaps and Secrets, with their prefix), then env in order, where a literal value may refer to
 * earlier variables with {@code $(NAME)} and valueFrom reads the downward API, a ConfigMap key or a
 * Secret key. A missing object or key that is not optional is a {@link ContainerConfigException}.
 * The service variables of {@link ServiceLinks} come last, unless the container defines the same name,
 * and {@code $(NAME)} may refer to them too (kubelet's {@code MappingFuncFor(tmpEnv, serviceEnv)}).
 */
final class EnvironmentResolver {

    private final ConfigSources sources;
    private final DownwardApi downward;
    private final ServiceLinks serviceLinks;

    EnvironmentResolver(ConfigSources sources, DownwardApi downward, ServiceLinks serviceLinks) {
        this.sources = sources;
        this.downward = downward;
        this.serviceLinks = serviceLinks;
    }

    Map<String, String> resolve(Pod pod, Container c, String podIp, String hostIp) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, Map<String, byte[]>> configMaps = new HashMap<>();
        Map<String, Map<String, byte[]>> secrets = new HashMap<>();
        Map<String, String> services = serviceLinks.variables(pod);
        Map<String, String> env = new LinkedHashMap<>();
        // what $(NAME) sees: the container's own variables over the service ones
        Map<String, String> scope = new HashMap<>(services);
        for (EnvFromSource from : list(c.getEnvFrom())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            Map<String, byte[]> data;
            if (from.getConfigMapRef() != null) {
                data = configMaps.computeIfAbsent(from.getConfigMapRef().getName(), n -> sources.configMap(namespace, n));
                if (data == null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                    throw ConfigSources.notFound("configmap", from.getConfigMapRef().getName());
                }
            } else if (from.getSecretRef() != null) {
                data = secrets.computeIfAbsent(from.getSecretRef().getName(), n -> sources.secret(namespace, n));
                if (data == null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                    throw ConfigSources.notFound("secret", from.getSecretRef().getName());
                }
            } else {
                continue;
            }
            if (data != null) {
                data.forEach((k, v) -> env.put(prefix + k, new String(v, StandardCharsets.UTF_8)));
                scope.putAll(env);
            }
        }
        for (EnvVar var : list(c.getEnv())) {
            EnvVarSource from = var.getValueFrom();
            String value;
            if (var.getValue() != null && !var.getValue().isEmpty()) {
                value = VariableExpansion.expand(var.getValue(), scope);
            } else if (from == null) {
                value = "";
            } else if (from.getFieldRef() != null) {
                value = DownwardApi.field(pod, from.getFieldRef().getFieldPath(), podIp, hostIp);
            } else if (from.getResourceFieldRef() != null) {
                value = downward.resource(pod, c, from.getResourceFieldRef());
            } else if (from.getConfigMapKeyRef() != null) {
                ConfigMapKeySelector ref = from.getConfigMapKeyRef();
                value = key(configMaps.computeIfAbsent(ref.getName(), n -> sources.configMap(namespace, n)),
                        "configmap", "ConfigMap", namespace, ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()));
            } else if (from.getSecretKeyRef() != null) {
                SecretKeySelector ref = from.getSecretKeyRef();
                value = key(secrets.computeIfAbsent(ref.getName(), n -> sources.secret(namespace, n)),
                        "secret", "Secret", namespace, ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()));
            } else {
                value = "";
            }
            if (value != null) {
                env.put(var.getName(), value);
                scope.put(var.getName(), value);
            }
        }
        services.forEach(env::putIfAbsent);
        return env;
    }

    /** The key's value; null (no variable) when optional and missing, else kubelet's error. */
    private static String key(Map<String, byte[]> data, String resource, String kind, String namespace, String name,
                              String key, boolean optional) {
        if (data == null) {
            if (optional) {
                return null;
            }
            throw ConfigSources.notFound(resource, name);
        }
        byte[] value = data.get(key);
        if (value == null) {
            if (optional) {
                return null;
            }
            throw new ContainerConfigException("couldn't find key " + key + " in " + kind + " " + namespace + "/" + name);
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
