package dev.rallypoint.kv.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The arithmetic of INCRBYFLOAT and HINCRBYFLOAT as Redis does it on x86: C's long double, the
 * 80-bit extended format with a 64-bit significand, read with strtold, added, and printed with
 * {@code %.17Lf} and its trailing zeros cut. Java's double has 53 bits, and its sums print
 * differently (10.5 + 0.1 is 10.6 in Redis, 10.59999999999999964 in a double printed the same
 * way), so each value is held exactly as a BigDecimal, rounded to 64 significant bits after
 * every step as the hardware rounds.
 */
public final class LongDouble {

    private static final int SIGNIFICAND_BITS = 64;
    // The exponent of the least significant bit: of the largest finite value, and of the
    // smallest subnormal.
    private static final int MAX_EXPONENT = 16383 - (SIGNIFICAND_BITS - 1);
    private static final int MIN_EXPONENT = -16382 - (SIGNIFICAND_BITS - 1);
    // Redis's MAX_LONG_DOUBLE_CHARS: longer texts are not numbers to it.
    private static final int MAX_CHARS = 5 * 1024;
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(SIGNIFICAND_BITS - 1);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(SIGNIFICAND_BITS);

    public static final LongDouble ZERO = new LongDouble(BigDecimal.ZERO, 0);

    /** A finite value, or one of the infinities (value null). */
    private final BigDecimal value;
    private final int infinity;

    private LongDouble(BigDecimal value, int infinity) {
        this.value = value;
        this.infinity = infinity;
    }

    /** util.c's string2ld: the number, or null when Redis would not take the text as one. */
    public static LongDouble parse(byte[] text) {
        if (text.length == 0 || text.length >= MAX_CHARS) {
            return null;
        }
        String s = new String(text, StandardCharsets.ISO_8859_1);
        if (Character.isWhitespace(s.charAt(0))) {
            return null;
        }
        String unsigned = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        int sign = s.startsWith("-") ? -1 : 1;
        String lower = unsigned.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return new LongDouble(null, sign);
        }
        BigDecimal exact = lower.startsWith("0x") ? hex(lower.substring(2)) : decimal(unsigned);
        if (exact == null) {
            return null;
        }
        if (exact.signum() == 0) {
            return ZERO;
        }
        LongDouble rounded = round(sign < 0 ? exact.negate() : exact);
        // strtold's ERANGE: an overflow, or a number that rounds to zero, is no number to Redis.
        if (rounded.infinity != 0 || rounded.value.signum() == 0) {
            return null;
        }
        return rounded;
    }

    public boolean finite() {
        return infinity == 0;
    }

    /** The rounded sum; an infinity when it overflows (or when either is one). */
    public LongDouble plus(LongDouble other) {
        if (infinity != 0 || other.infinity != 0) {
            // inf + -inf is NaN: not finite either, which is all the callers ask.
            return new LongDouble(null, infinity != 0 ? infinity : other.infinity);
        }
        return round(value.add(other.value));
    }

    /** {@code %.17Lf} without its trailing zeros (and "-0" as "0"), as util.c's ld2string in human mode. */
    public byte[] toBytes() {
        String text = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (text.indexOf('.') >= 0) {
            int end = text.length();
            while (text.charAt(end - 1) == '0') {
                end--;
            }
            if (text.charAt(end - 1) == '.') {
                end--;
            }
            text = text.substring(0, end);
        }
        if (text.equals("-0")) {
            text = "0";
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static BigDecimal decimal(String text) {
        // Digits, a point, an exponent: what strtold and BigDecimal both read, nothing else.
        if (!text.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        BigDecimal exact = new BigDecimal(text);
        if (exact.signum() == 0) {
            return exact;
        }
        // Far outside the format's range: overflow or zero, without building a huge power of ten.
        long magnitude = (long) exact.precision() - exact.scale();
        if (magnitude > 4940) {
            return new BigDecimal(BigInteger.TEN.pow(4940));
        }
        if (magnitude < -4960) {
            return BigDecimal.ONE.movePointLeft(4960);
        }
        return exact;
    }

    private static BigDecimal hex(String text) {
        if (!text.matches("([0-9a-f]+\\.?[0-9a-f]*|\\.[0-9a-f]+)(p[+-]?\\d+)?")) {
            return null;
        }
        int p = text.indexOf('p');
        String digits = p < 0 ? text : text.substring(0, p);
        long exponent = p < 0 ? 0 : Long.parseLong(text.substring(p + 1).replace("+", ""));
        int point = digits.indexOf('.');
        String whole = point < 0 ? digits : digits.substring(0, point) + digits.substring(point + 1);
        if (point >= 0) {
            exponent -= 4L * (digits.length() - point - 1);
        }
        BigInteger mantissa = new BigInteger(whole, 16);
        if (mantissa.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (exponent > 20_000) {
            return new BigDecimal(BigInteger.TEN.pow(4940));
        }
        if (exponent < -20_000) {
            return BigDecimal.ONE.movePointLeft(4960);
        }
        return exact(mantissa, (int) exponent);
    }

    /** m × 2^e, exactly. */
    private static BigDecimal exact(BigInteger m, int e) {
        return e >= 0 ? new BigDecimal(m.shiftLeft(e)) : new BigDecimal(m.multiply(BigInteger.valueOf(5).pow(-e)), -e);
    }

    /** The nearest value with a 64-bit significand (ties to even), as the FPU rounds. */
    private static LongDouble round(BigDecimal x) {
        if (x.signum() == 0) {
            return ZERO;
        }
        int sign = x.signum();
        BigDecimal abs = x.abs();
        BigInteger numerator = abs.unscaledValue();
        BigInteger denominator = BigInteger.ONE;
        if (abs.scale() > 0) {
            denominator = BigInteger.TEN.pow(abs.scale());
        } else {
            numerator = numerator.multiply(BigInteger.TEN.pow(-abs.scale()));
        }
        int e = Math.max(MIN_EXPONENT, numerator.bitLength() - denominator.bitLength() - SIGNIFICAND_BITS);
        BigInteger q;
        BigInteger r;
        BigInteger den;
        while (true) {
            BigInteger num = e <= 0 ? numerator.shiftLeft(-e) : numerator;
            den = e <= 0 ? denominator : denominator.shiftLeft(e);
            BigInteger[] qr = num.divideAndRemainder(den);
            q = qr[0];
            r = qr[1];
            if (q.compareTo(TWO_64) >= 0) {
                e++;
            } else if (q.compareTo(TWO_63) < 0 && e > MIN_EXPONENT) {
                e--;
            } else {
                break;
            }
        }
        int half = r.shiftLeft(1).compareTo(den);
        if (half > 0 || (half == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
            if (q.equals(TWO_64)) {
                q = TWO_63;
                e++;
            }
        }
        if (e > MAX_EXPONENT) {
            return new LongDouble(null, sign);
        }
        BigDecimal rounded = exact(q, e);
        return new LongDouble(sign < 0 ? rounded.negate() : rounded, 0);
    }
}
