package io.jk8s.api.registry.certificates;

import java.util.List;

/** The key usages a CSR may ask for (certificates/v1 KeyUsage), in the sorted order kube lists them in errors. */
final class KeyUsages {

    static final List<String> ALL = List.of("any", "cert sign", "client auth", "code signing", "content commitment", "crl sign",
            "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system",
            "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing",
            "s/mime", "server auth", "signing", "timestamping");

    private KeyUsages() {}
}
