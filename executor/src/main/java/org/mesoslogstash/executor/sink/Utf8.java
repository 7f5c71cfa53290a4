package org.mesoslogstash.executor.sink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    static boolean isValid(byte[] bytes) {
        int n = bytes.length;
        // Log lines are mostly ASCII: test eight bytes at a time for a set high bit.
        int i = 0;
        while (i + 8 <= n && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
            i += 8;
        }
        while (i < n && bytes[i] >= 0) {
            i++;
        }
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            if (b < 0xC2) {
                return false; // continuation byte without a lead, or overlong 2-byte lead
            }
            if (b < 0xE0) {
                if (i + 1 >= n || !continuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b < 0xF0) {
                if (i + 2 >= n || !continuation(bytes[i + 1]) || !continuation(bytes[i + 2])) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                if (b == 0xE0 && b1 < 0xA0) {
                    return false; // overlong
                }
                if (b == 0xED && b1 >= 0xA0) {
                    return false; // UTF-16 surrogate
                }
                i += 3;
            } else if (b < 0xF5) {
                if (i + 3 >= n || !continuation(bytes[i + 1]) || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
                    return false;
                }
                int b1 = bytes[i + 1] & 0xFF;
                if (b == 0xF0 && b1 < 0x90) {
                    return false; // overlong
                }
                if (b == 0xF4 && b1 >= 0x90) {
                    return false; // above U+10FFFF
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
