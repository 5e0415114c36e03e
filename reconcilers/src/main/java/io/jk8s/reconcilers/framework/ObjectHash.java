package io.jk8s.reconcilers.framework;

import java.nio.charset.StandardCharsets;

/**
 * The 32-bit FNV hashes kube's controllers name things by, printed the way apimachinery's
 * rand.SafeEncodeString prints them: the decimal digits mapped onto an alphabet without vowels
 * or look-alikes, so a hash never spells a word.
 */
public final class ObjectHash {

    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private ObjectHash() {}

    /** FNV-1a (Go's fnv.New32a), used for pod-template-hash. */
    public static String fnv1a(String... parts) {
        int hash = FNV_OFFSET;
        for (String part : parts) {
            for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= FNV_PRIME;
            }
        }
        return safeEncode(hash);
    }

    /** FNV-1 (Go's fnv.New32), used for ControllerRevision names (pkg/controller/history). */
    public static String fnv1(String... parts) {
        int hash = FNV_OFFSET;
        for (String part : parts) {
            for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                hash *= FNV_PRIME;
                hash ^= b & 0xff;
            }
        }
        return safeEncode(hash);
    }

    private static String safeEncode(int hash) {
        String decimal = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder safe = new StringBuilder(decimal.length());
        for (char c : decimal.toCharArray()) {
            safe.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return safe.toString();
    }
}
