package io.jk8s.api.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jk8s.api.testing.KubectlServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** rbac.authorization.k8s.io/v1 as kubectl creates, applies, lists, describes and explains it. */
class RbacTest {

    @RegisterExtension
    static final KubectlServer api = new KubectlServer();

    @Test
    void probe() {
        api.kubectl().run("create", "namespace", "team").assertSuccess();
        { var x = api.kubectl().run("-n", "team", "create", "role", "pod-reader", "--verb=get,list", "--resource=pods"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("-n", "team", "create", "rolebinding", "rb", "--role=pod-reader", "--user=jane"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("create", "clusterrole", "cr", "--verb=get", "--resource=nodes"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("create", "clusterrolebinding", "crb", "--clusterrole=cr", "--group=devs", "--serviceaccount=team:robot"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("-n", "team", "get", "roles,rolebindings", "-o", "wide"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("get", "clusterroles,clusterrolebindings", "-o", "wide"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("-n", "team", "describe", "role", "pod-reader"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("-n", "team", "describe", "rolebinding", "rb"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("describe", "clusterrolebinding", "crb"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("-n", "team", "get", "rolebinding", "rb", "-o", "yaml"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("explain", "role.rules"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("api-resources", "--api-group=rbac.authorization.k8s.io"); System.out.println(x.out() + "|ERR|" + x.err()); }
        { var x = api.kubectl().run("get", "--raw", "/apis/rbac.authorization.k8s.io/v1"); System.out.println(x.out() + "|ERR|" + x.err()); }
        var r = api.kubectl().run("-n", "team", "patch", "rolebinding", "rb", "--type=merge", "-p", "{\"roleRef\":{\"name\":\"other\"}}");
        System.out.println(r.out() + "|" + r.err());
    }
}
