package io.jk8s.api.registry.authentication;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The x509 step of kube's union authenticator (its CommonNameUserConversion): a client certificate
 * the TLS handshake verified against the client CA names the user by its subject's CN and the groups
 * by its O values. The handshake has already refused certificates from any other CA.
 */
public final class ClientCertificateAuthentication {

    private ClientCertificateAuthentication() {}

    /** The certificate's user, or null when its subject has no CN (kube: "common name is required"). */
    public static RequestUser user(X509Certificate certificate) {
        String commonName = null;
        List<String> groups = new ArrayList<>();
        try {
            // LdapName lists the RDNs in the certificate's (ASN.1) order, the order Go keeps the O values in
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    commonName = rdn.getValue().toString();
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        if (commonName == null || commonName.isEmpty()) {
            return null;
        }
        groups.add(RequestUser.AUTHENTICATED);
        return new RequestUser(commonName, "", List.copyOf(groups));
    }
}
