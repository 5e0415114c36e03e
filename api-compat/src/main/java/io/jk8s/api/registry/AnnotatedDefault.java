package io.jk8s.api.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A "default class" chosen by annotation, as the DefaultIngressClass and DefaultStorageClass
 * admission plugins choose it (storage/util GetDefaultClass, ingressclass helpers): among the
 * classes annotated {@code "true"}, the newest, ties going to the first name.
 */
public final class AnnotatedDefault {

    private AnnotatedDefault() {}

    /** Whether any of {@code annotations} is set to "true" on the object. */
    public static boolean marked(HasMetadata object, List<String> annotations) {
        Map<String, String> present = object.getMetadata().getAnnotations();
        return present != null && annotations.stream().anyMatch(a -> "true".equals(present.get(a)));
    }

    public static <T extends HasMetadata> Optional<T> newest(List<T> classes, List<String> annotations) {
        return classes.stream()
                .filter(c -> marked(c, annotations))
                .min(Comparator.comparing((T c) -> Instant.parse(c.getMetadata().getCreationTimestamp())).reversed()
                        .thenComparing(c -> c.getMetadata().getName()));
    }
}
