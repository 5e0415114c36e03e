package io.jk8s.api.registry.storage;

import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import java.util.List;
import java.util.Locale;

/** core validation's ValidateCSIDriverName, shared by CSINode drivers and VolumeAttachment attachers. */
final class CsiDriverName {

    private CsiDriverName() {}

    static void validate(String name, String field, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            errors.add(FieldError.required(field, ""));
            return;
        }
        NameRule.DNS1123_SUBDOMAIN.check(name.toLowerCase(Locale.ROOT))
                .forEach(problem -> errors.add(FieldError.invalid(field, name, problem)));
    }
}
