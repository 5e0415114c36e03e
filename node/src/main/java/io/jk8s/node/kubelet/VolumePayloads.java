package io.jk8s.node.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.jk8s.node.kubelet.AtomicWriter.FileProjection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of the volume types whose content comes from the API: configMap, secret, downwardAPI and
 * projected, as their kubelet plugins compute them ({@code pkg/volume/{configmap,secret,downwardapi,
 * projected}}): every key, or only the listed items at their paths, with defaultMode (0644) or the
 * item's mode. A missing object that is not optional, or a listed key it lacks, is a
 * {@link VolumeNotReadyException}.
 */
final class VolumePayloads {

    static final int DEFAULT_MODE = 0644;

    private final ConfigSources sources;
    private final DownwardApi downward;

    VolumePayloads(ConfigSources sources, DownwardApi downward) {
        this.sources = sources;
        this.downward = downward;
    }

    /** Whether the volume type is one this class fills. */
    static boolean fromApi(Volume v) {
        return v.getConfigMap() != null || v.getSecret() != null || v.getDownwardAPI() != null || v.getProjected() != null;
    }

    /** The plugin directory name kubelet uses under {@code volumes/}. */
    static String pluginDir(Volume v) {
        if (v.getConfigMap() != null) {
            return "kubernetes.io~configmap";
        }
        if (v.getSecret() != null) {
            return "kubernetes.io~secret";
        }
        return v.getDownwardAPI() != null ? "kubernetes.io~downward-api" : "kubernetes.io~projected";
    }

    Map<String, FileProjection> payload(Pod pod, Volume v) {
        Map<String, FileProjection> files = new LinkedHashMap<>();
        String ns = pod.getMetadata().getNamespace();
        if (v.getConfigMap() != null) {
            int mode = mode(v.getConfigMap().getDefaultMode());
            keys(files, sources.configMap(ns, v.getConfigMap().getName()), "configmap", v.getConfigMap().getName(),
                    v.getConfigMap().getItems(), Boolean.TRUE.equals(v.getConfigMap().getOptional()), mode);
        } else if (v.getSecret() != null) {
            int mode = mode(v.getSecret().getDefaultMode());
            keys(files, sources.secret(ns, v.getSecret().getSecretName()), "secret", v.getSecret().getSecretName(),
                    v.getSecret().getItems(), Boolean.TRUE.equals(v.getSecret().getOptional()), mode);
        } else if (v.getDownwardAPI() != null) {
            downward(files, pod, v.getDownwardAPI().getItems(), mode(v.getDownwardAPI().getDefaultMode()));
        } else if (v.getProjected() != null) {
            int mode = mode(v.getProjected().getDefaultMode());
            for (VolumeProjection source : list(v.getProjected().getSources())) {
                if (source.getConfigMap() != null) {
                    ConfigMapProjection cm = source.getConfigMap();
                    keys(files, sources.configMap(ns, cm.getName()), "configmap", cm.getName(), cm.getItems(),
                            Boolean.TRUE.equals(cm.getOptional()), mode);
                } else if (source.getSecret() != null) {
                    SecretProjection secret = source.getSecret();
                    keys(files, sources.secret(ns, secret.getName()), "secret", secret.getName(), secret.getItems(),
                            Boolean.TRUE.equals(secret.getOptional()), mode);
                } else if (source.getDownwardAPI() != null) {
                    downward(files, pod, source.getDownwardAPI().getItems(), mode);
                }
                // serviceAccountToken and clusterTrustBundle sources: jk8s issues no tokens yet
            }
        }
        return files;
    }

    private static void keys(Map<String, FileProjection> files, Map<String, byte[]> data, String resource, String name,
                             List<KeyToPath> items, boolean optional, int mode) {
        if (data == null) {
            if (optional) {
                return;
            }
            throw new VolumeNotReadyException(resource + " \"" + name + "\" not found");
        }
        if (items == null || items.isEmpty()) {
            data.forEach((k, v) -> files.put(k, new FileProjection(v, mode)));
            return;
        }
        for (KeyToPath item : items) {
            byte[] value = data.get(item.getKey());
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw new VolumeNotReadyException(resource + " references non-existent config key: " + item.getKey());
            }
            files.put(item.getPath(), new FileProjection(value, item.getMode() != null ? item.getMode() : mode));
        }
    }

    private void downward(Map<String, FileProjection> files, Pod pod, List<DownwardAPIVolumeFile> items, int mode) {
        for (DownwardAPIVolumeFile item : list(items)) {
            String value;
            if (item.getFieldRef() != null) {
                // status fields are not allowed in volumes (validation), so no IPs are needed here
                value = DownwardApi.field(pod, item.getFieldRef().getFieldPath(), null, null);
            } else if (item.getResourceFieldRef() != null) {
                String name = item.getResourceFieldRef().getContainerName();
                Container c = pod.getSpec().getContainers().stream()
                        .filter(x -> name == null || name.isEmpty() || x.getName().equals(name)).findFirst().orElse(null);
                if (c == null) {
                    throw new VolumeNotReadyException("container " + name + " not found in pod " + pod.getMetadata().getName());
                }
                value = downward.resource(pod, c, item.getResourceFieldRef());
            } else {
                continue;
            }
            files.put(item.getPath(), new FileProjection(value.getBytes(StandardCharsets.UTF_8),
                    item.getMode() != null ? item.getMode() : mode));
        }
    }

    private static int mode(Integer defaultMode) {
        return defaultMode == null ? DEFAULT_MODE : defaultMode;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
