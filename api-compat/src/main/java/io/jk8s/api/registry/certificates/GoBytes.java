package io.jk8s.api.registry.certificates;

/** Go's {@code %#v} of a {@code []byte}, which field errors print for an invalid byte field. */
final class GoBytes {

    private GoBytes() {}

    static String format(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 6 + 8).append("[]byte{");
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "0x" : ", 0x").append(Integer.toHexString(bytes[i] & 0xff));
        }
        return out.append('}').toString();
    }
}
