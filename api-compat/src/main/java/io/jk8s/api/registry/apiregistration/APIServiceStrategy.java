package io.jk8s.api.registry.apiregistration;

import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.APIServiceCondition;
import io.fabric8.kubernetes.api.model.APIServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceReference;
import io.jk8s.api.errors.FieldError;
import io.jk8s.api.registry.NameRule;
import io.jk8s.api.registry.Strategy;
import io.jk8s.api.table.StandardColumns;
import io.jk8s.api.table.TableColumn;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * APIServices (kube-aggregator's pkg/registry/apiservice and pkg/apis/apiregistration/validation):
 * one served group-version, named {@code <version>.<group>}, either local (no service) or backed by
 * a service the aggregator proxies to.
 */
public final class APIServiceStrategy implements Strategy<APIService> {

    public static final String GROUP = "apiregistration.k8s.io";

    /** The name must first be a valid path segment; that it is version.group is checked with the spec. */
    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    /** SetDefaults_ServiceReference (apiregistration/v1/defaults.go): a service is reached on 443. */
    @Override
    public void applyDefaults(APIService apiService) {
        APIServiceSpec spec = apiService.getSpec();
        if (spec != null && spec.getService() != null && spec.getService().getPort() == null) {
            spec.getService().setPort(443);
        }
    }

    @Override
    public List<FieldError> validate(APIService apiService) {
        APIServiceSpec spec = apiService.getSpec() == null ? new APIServiceSpec() : apiService.getSpec();
        String group = spec.getGroup() == null ? "" : spec.getGroup();
        String version = spec.getVersion() == null ? "" : spec.getVersion();
        List<FieldError> errors = new ArrayList<>();
        String name = apiService.getMetadata().getName();
        String requiredName = version + "." + group;
        if (name != null && !name.isEmpty() && NameRule.PATH_SEGMENT.check(name).isEmpty() && !name.equals(requiredName)) {
            errors.add(FieldError.invalid("metadata.name", name,
                    "must be `spec.version+\".\"+spec.group`: \"" + requiredName + "\""));
        }
        if (group.isEmpty() && !version.equals("v1")) {
            errors.add(FieldError.required("spec.group", "only v1 may have an empty group and it better be legacy kube"));
        }
        if (!group.isEmpty()) {
            NameRule.DNS1123_SUBDOMAIN.check(group).forEach(p -> errors.add(FieldError.invalid("spec.group", group, p)));
        }
        NameRule.DNS1035_LABEL.check(version).forEach(p -> errors.add(FieldError.invalid("spec.version", version, p)));
        int groupPriority = spec.getGroupPriorityMinimum() == null ? 0 : spec.getGroupPriorityMinimum();
        if (groupPriority <= 0 || groupPriority > 20000) {
            errors.add(FieldError.invalid("spec.groupPriorityMinimum", groupPriority, "must be positive and less than 20000"));
        }
        int versionPriority = spec.getVersionPriority() == null ? 0 : spec.getVersionPriority();
        if (versionPriority <= 0 || versionPriority > 1000) {
            errors.add(FieldError.invalid("spec.versionPriority", versionPriority, "must be positive and less than 1000"));
        }
        boolean skipVerify = Boolean.TRUE.equals(spec.getInsecureSkipTLSVerify());
        int caBundleBytes = caBundleLength(spec.getCaBundle());
        ServiceReference service = spec.getService();
        if (service == null) {
            if (caBundleBytes != 0) {
                errors.add(FieldError.invalid("spec.caBundle", caBundleBytes + " bytes", "local APIServices may not have a caBundle"));
            }
            if (skipVerify) {
                errors.add(FieldError.invalid("spec.insecureSkipTLSVerify", true,
                        "local APIServices may not have insecureSkipTLSVerify"));
            }
            return errors;
        }
        if (service.getNamespace() == null || service.getNamespace().isEmpty()) {
            errors.add(FieldError.required("spec.service.namespace", ""));
        }
        if (service.getName() == null || service.getName().isEmpty()) {
            errors.add(FieldError.required("spec.service.name", ""));
        }
        int port = service.getPort() == null ? 0 : service.getPort();
        if (port < 1 || port > 65535) {
            errors.add(FieldError.invalid("spec.service.port", port, "port is not valid: must be between 1 and 65535, inclusive"));
        }
        if (skipVerify && caBundleBytes > 0) {
            errors.add(FieldError.invalid("spec.insecureSkipTLSVerify", true, "may not be true if caBundle is present"));
        }
        return errors;
    }

    /** ValidateAPIServiceStatus: a condition's status is one of kube's three. */
    @Override
    public List<FieldError> validateStatusUpdate(APIService apiService, APIService old) {
        List<FieldError> errors = new ArrayList<>();
        List<APIServiceCondition> conditions = apiService.getStatus() == null || apiService.getStatus().getConditions() == null
                ? List.of() : apiService.getStatus().getConditions();
        for (int i = 0; i < conditions.size(); i++) {
            String status = conditions.get(i).getStatus() == null ? "" : conditions.get(i).getStatus();
            if (!List.of("True", "False", "Unknown").contains(status)) {
                errors.add(FieldError.notSupported("status.conditions[" + i + "].status", status, List.of("True", "False", "Unknown")));
            }
        }
        return errors;
    }

    /** caBundle is []byte upstream: its length is that of the decoded bytes. */
    private static int caBundleLength(String caBundle) {
        if (caBundle == null || caBundle.isEmpty()) {
            return 0;
        }
        try {
            return Base64.getDecoder().decode(caBundle).length;
        } catch (IllegalArgumentException e) {
            return caBundle.length();
        }
    }

    /** kube-aggregator's pkg/registry/apiservice/etcd ConvertToTable. */
    @Override
    public List<TableColumn<APIService>> tableColumns() {
        return List.of(StandardColumns.name(),
                TableColumn.of("Service", "string", "The reference to the service that hosts this API endpoint.",
                        (a, now) -> service(a)),
                TableColumn.of("Available", "string", "Whether this service is available.", (a, now) -> available(a)),
                StandardColumns.age());
    }

    private static String service(APIService apiService) {
        ServiceReference ref = apiService.getSpec() == null ? null : apiService.getSpec().getService();
        return ref == null ? "Local" : ref.getNamespace() + "/" + ref.getName();
    }

    private static String available(APIService apiService) {
        APIServiceCondition condition = AvailableCondition.find(apiService);
        if (condition == null) {
            return "Unknown";
        }
        if ("True".equals(condition.getStatus()) || condition.getReason() == null || condition.getReason().isEmpty()) {
            return condition.getStatus();
        }
        return condition.getStatus() + " (" + condition.getReason() + ")";
    }
}
