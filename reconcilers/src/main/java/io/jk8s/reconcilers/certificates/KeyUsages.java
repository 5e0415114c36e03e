package io.jk8s.reconcilers.certificates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * A CSR's usages as X.509 extensions (authority/policies.go keyUsageDict / extKeyUsageDict):
 * the key usage bits, and the extended usages in the order Go's x509.ExtKeyUsage numbers them.
 */
final class KeyUsages {

    private static final Map<String, Integer> KEY_USAGE = Map.of(
            "signing", KeyUsage.digitalSignature,
            "digital signature", KeyUsage.digitalSignature,
            "content commitment", KeyUsage.nonRepudiation,
            "key encipherment", KeyUsage.keyEncipherment,
            "key agreement", KeyUsage.keyAgreement,
            "data encipherment", KeyUsage.dataEncipherment,
            "cert sign", KeyUsage.keyCertSign,
            "crl sign", KeyUsage.cRLSign,
            "encipher only", KeyUsage.encipherOnly,
            "decipher only", KeyUsage.decipherOnly);

    /** Go's ExtKeyUsage constants in their numeric order, which is the order they are written. */
    private static final List<KeyPurposeId> EXT_ORDER = List.of(KeyPurposeId.anyExtendedKeyUsage, KeyPurposeId.id_kp_serverAuth,
            KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_codeSigning, KeyPurposeId.id_kp_emailProtection,
            KeyPurposeId.id_kp_ipsecEndSystem, KeyPurposeId.id_kp_ipsecTunnel, KeyPurposeId.id_kp_ipsecUser,
            KeyPurposeId.id_kp_timeStamping, KeyPurposeId.id_kp_OCSPSigning,
            KeyPurposeId.getInstance(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.311.10.3.3")),
            KeyPurposeId.getInstance(new org.bouncycastle.asn1.ASN1ObjectIdentifier("2.16.840.1.113730.4.1")));

    private static final Map<String, Integer> EXT_KEY_USAGE = Map.ofEntries(
            Map.entry("any", 0), Map.entry("server auth", 1), Map.entry("client auth", 2), Map.entry("code signing", 3),
            Map.entry("email protection", 4), Map.entry("s/mime", 4), Map.entry("ipsec end system", 5),
            Map.entry("ipsec tunnel", 6), Map.entry("ipsec user", 7), Map.entry("timestamping", 8),
            Map.entry("ocsp signing", 9), Map.entry("microsoft sgc", 10), Map.entry("netscape sgc", 11));

    /** The extensions to write; null where there is nothing to write. */
    record Resolved(KeyUsage keyUsage, ExtendedKeyUsage extendedKeyUsage) {}

    private KeyUsages() {}

    static Resolved resolve(List<String> usages) {
        int bits = 0;
        TreeSet<Integer> extended = new TreeSet<>();
        List<String> unrecognized = new ArrayList<>();
        for (String usage : usages) {
            if (KEY_USAGE.containsKey(usage)) {
                bits |= KEY_USAGE.get(usage);
            } else if (EXT_KEY_USAGE.containsKey(usage)) {
                extended.add(EXT_KEY_USAGE.get(usage));
            } else {
                unrecognized.add(usage);
            }
        }
        if (!unrecognized.isEmpty()) {
            throw new IllegalArgumentException("unrecognized usage values: [" + String.join(" ",
                    unrecognized.stream().map(u -> "\"" + u + "\"").toList()) + "]");
        }
        return new Resolved(bits == 0 ? null : new KeyUsage(bits), extended.isEmpty() ? null
                : new ExtendedKeyUsage(extended.stream().map(EXT_ORDER::get).toArray(KeyPurposeId[]::new)));
    }
}
