package dev.trawl.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The three byte order marks the WHATWG Encoding Standard recognises at the start of a body. */
enum ByteOrderMark {
    UTF_8(StandardCharsets.UTF_8, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF),
    UTF_16BE(StandardCharsets.UTF_16BE, (byte) 0xFE, (byte) 0xFF),
    UTF_16LE(StandardCharsets.UTF_16LE, (byte) 0xFF, (byte) 0xFE);

    private final Charset charset;
    private final byte[] bytes;

    ByteOrderMark(Charset charset, byte... bytes) {
        this.charset = charset;
        this.bytes = bytes;
    }

    Charset charset() {
        return charset;
    }

    /** Bytes the mark occupies; decoding starts after them. */
    int length() {
        return bytes.length;
    }

    /** The mark body[0..length) starts with, if any. */
    static Optional<ByteOrderMark> sniff(byte[] body, int length) {
        for (ByteOrderMark mark : values()) {
            if (mark.startsOf(body, length)) {
                return Optional.of(mark);
            }
        }
        return Optional.empty();
    }

    private boolean startsOf(byte[] body, int length) {
        if (length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (body[i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
