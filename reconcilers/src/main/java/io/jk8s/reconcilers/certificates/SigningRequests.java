package io.jk8s.reconcilers.certificates;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** What the signer reads of a CSR's {@code spec.request} (capihelper.ParseCSR and x509.CertificateRequest's fields). */
final class SigningRequests {

    private SigningRequests() {}

    /** ParseCSR of the base64 {@code spec.request}: the first PEM block, which must be a CERTIFICATE REQUEST. */
    static PKCS10CertificationRequest parse(String base64) throws IOException {
        String pem = new String(Base64.getDecoder().decode(base64 == null ? "" : base64), java.nio.charset.StandardCharsets.UTF_8);
        PemObject block = new PemReader(new StringReader(pem)).readPemObject();
        if (block == null || !block.getType().equals("CERTIFICATE REQUEST")) {
            throw new IOException("PEM block type must be CERTIFICATE REQUEST");
        }
        return new PKCS10CertificationRequest(block.getContent());
    }

    /** The extensions the request asks for (its PKCS#9 extensionRequest attribute). */
    static Optional<Extensions> requestedExtensions(PKCS10CertificationRequest request) {
        for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                return Optional.of(Extensions.getInstance(value));
            }
        }
        return Optional.empty();
    }

    /** Subject.Organization, in order. */
    static List<String> organizations(PKCS10CertificationRequest request) {
        return Arrays.stream(request.getSubject().getRDNs(BCStyle.O)).map(SigningRequests::value).toList();
    }

    static String commonName(PKCS10CertificationRequest request) {
        RDN[] names = request.getSubject().getRDNs(BCStyle.CN);
        return names.length == 0 ? "" : value(names[0]);
    }

    /** The subject alternative names of one GeneralName tag (dNSName, iPAddress, rfc822Name, uniformResourceIdentifier). */
    static List<GeneralName> alternativeNames(PKCS10CertificationRequest request, int tag) {
        return requestedExtensions(request).map(e -> GeneralNames.fromExtensions(e, Extension.subjectAlternativeName))
                .map(names -> Arrays.stream(names.getNames()).filter(n -> n.getTagNo() == tag).toList())
                .orElse(List.of());
    }

    private static String value(RDN rdn) {
        return IETFUtils.valueToString(rdn.getFirst().getValue());
    }
}
