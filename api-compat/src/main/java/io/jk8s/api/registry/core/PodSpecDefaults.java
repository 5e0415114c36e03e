package io.jk8s.api.registry.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.jk8s.api.codec.ObjectCodec;
import java.util.List;

/**
 * The defaults of a pod spec wherever one appears (pods and every workload's template), from
 * pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec, _Container, _ContainerPort, _Probe,
 * _HTTPGetAction, _Volume and the volume sources' default modes.
 */
public final class PodSpecDefaults {

    private static final int DEFAULT_VOLUME_MODE = 0644;

    private PodSpecDefaults() {}

    public static void apply(PodTemplateSpec template) {
        if (template != null && template.getSpec() != null) {
            apply(template.getSpec());
        }
    }

    public static void apply(PodSpec spec) {
        if (spec.getDnsPolicy() == null) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (spec.getRestartPolicy() == null) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(30L);
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        if (spec.getSchedulerName() == null) {
            spec.setSchedulerName("default-scheduler");
        }
        orEmpty(spec.getContainers()).forEach(PodSpecDefaults::container);
        orEmpty(spec.getInitContainers()).forEach(PodSpecDefaults::container);
        if (spec.getEphemeralContainers() != null) {
            spec.setEphemeralContainers(new java.util.ArrayList<>(spec.getEphemeralContainers().stream()
                    .map(PodSpecDefaults::ephemeralContainer).toList()));
        }
        orEmpty(spec.getVolumes()).forEach(PodSpecDefaults::volume);
    }

    static void container(Container container) {
        if (container.getImagePullPolicy() == null) {
            container.setImagePullPolicy(latestTag(container.getImage()) ? "Always" : "IfNotPresent");
        }
        if (container.getTerminationMessagePath() == null) {
            container.setTerminationMessagePath("/dev/termination-log");
        }
        if (container.getTerminationMessagePolicy() == null) {
            container.setTerminationMessagePolicy("File");
        }
        if (container.getResources() == null) {
            // a non-pointer struct upstream: always present, shown as `resources: {}`
            container.setResources(new ResourceRequirements());
        }
        for (ContainerPort port : orEmpty(container.getPorts())) {
            if (port.getProtocol() == null) {
                port.setProtocol("TCP");
            }
        }
        for (EnvVar env : orEmpty(container.getEnv())) {
            if (env.getValueFrom() != null && env.getValueFrom().getFieldRef() != null
                    && env.getValueFrom().getFieldRef().getApiVersion() == null) {
                env.getValueFrom().getFieldRef().setApiVersion("v1");
            }
        }
        probe(container.getLivenessProbe());
        probe(container.getReadinessProbe());
        probe(container.getStartupProbe());
    }

    /** SetDefaults_EphemeralContainer: the defaults of a container (its common fields are a container's). */
    private static EphemeralContainer ephemeralContainer(EphemeralContainer ephemeral) {
        Container common = asContainer(ephemeral);
        container(common);
        ObjectNode defaulted = ObjectCodec.JSON.valueToTree(common);
        if (ephemeral.getTargetContainerName() != null) {
            defaulted.put("targetContainerName", ephemeral.getTargetContainerName());
        }
        return ObjectCodec.JSON.convertValue(defaulted, EphemeralContainer.class);
    }

    /** An ephemeral container's common fields as a Container (upstream converts EphemeralContainerCommon the same way). */
    static Container asContainer(EphemeralContainer ephemeral) {
        ObjectNode common = ObjectCodec.JSON.valueToTree(ephemeral);
        common.remove("targetContainerName");
        return ObjectCodec.JSON.convertValue(common, Container.class);
    }

    private static void probe(Probe probe) {
        if (probe == null) {
            return;
        }
        if (probe.getTimeoutSeconds() == null) {
            probe.setTimeoutSeconds(1);
        }
        if (probe.getPeriodSeconds() == null) {
            probe.setPeriodSeconds(10);
        }
        if (probe.getSuccessThreshold() == null) {
            probe.setSuccessThreshold(1);
        }
        if (probe.getFailureThreshold() == null) {
            probe.setFailureThreshold(3);
        }
        if (probe.getHttpGet() != null) {
            if (probe.getHttpGet().getPath() == null) {
                probe.getHttpGet().setPath("/");
            }
            if (probe.getHttpGet().getScheme() == null) {
                probe.getHttpGet().setScheme("HTTP");
            }
        }
    }

    private static void volume(Volume volume) {
        if (volume.getSecret() != null && volume.getSecret().getDefaultMode() == null) {
            volume.getSecret().setDefaultMode(DEFAULT_VOLUME_MODE);
        } else if (volume.getConfigMap() != null && volume.getConfigMap().getDefaultMode() == null) {
            volume.getConfigMap().setDefaultMode(DEFAULT_VOLUME_MODE);
        } else if (volume.getProjected() != null && volume.getProjected().getDefaultMode() == null) {
            volume.getProjected().setDefaultMode(DEFAULT_VOLUME_MODE);
        } else if (volume.getDownwardAPI() != null && volume.getDownwardAPI().getDefaultMode() == null) {
            volume.getDownwardAPI().setDefaultMode(DEFAULT_VOLUME_MODE);
        } else if (hasNoSource(volume)) {
            volume.setEmptyDir(new EmptyDirVolumeSource());
        }
    }

    private static boolean hasNoSource(Volume volume) {
        return volume.getEmptyDir() == null && volume.getHostPath() == null && volume.getPersistentVolumeClaim() == null
                && volume.getSecret() == null && volume.getConfigMap() == null && volume.getProjected() == null
                && volume.getDownwardAPI() == null && volume.getNfs() == null && volume.getCsi() == null
                && volume.getEphemeral() == null && volume.getImage() == null && volume.getAdditionalProperties().isEmpty();
    }

    /** Always pull images tagged :latest or not tagged at all (digests name an exact image). */
    static boolean latestTag(String image) {
        if (image == null || image.contains("@")) {
            return false;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon < 0 || last.substring(colon + 1).equals("latest");
    }

    static <E> List<E> orEmpty(List<E> list) {
        return list == null ? List.of() : list;
    }
}
