package org.mesoslogstash.mesos.executor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Parses durations the way Mesos writes them (stout's {@code Duration}): a non-negative decimal number
 * followed at once by one of the units {@code ns us ms secs mins hrs days weeks}, such as
 * {@code 15mins}, {@code 5secs}, {@code 100ms}, {@code 2days} or {@code 1.5hrs}. The agent hands the
 * executor its timeouts in this form.
 */
public final class MesosDuration {

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "ms", 1_000_000L,
            "secs", 1_000_000_000L,
            "mins", 60_000_000_000L,
            "hrs", 3_600_000_000_000L,
            "days", 86_400_000_000_000L,
            "weeks", 604_800_000_000_000L);

    private MesosDuration() {
    }

    /** The duration, to the nanosecond; fractions below a nanosecond are rounded half up. */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration; expected a number and a unit such as 15mins, 5secs or 100ms");
        }
        int unitStart = 0;
        while (unitStart < text.length() && (Character.isDigit(text.charAt(unitStart)) || text.charAt(unitStart) == '.')) {
            unitStart++;
        }
        String number = text.substring(0, unitStart);
        String unit = text.substring(unitStart);
        Long nanosPerUnit = NANOS_PER_UNIT.get(unit);
        if (nanosPerUnit == null) {
            throw new IllegalArgumentException("duration '" + text + "' has " + (unit.isEmpty() ? "no unit" : "unknown unit '" + unit + "'")
                    + "; expected a number followed by one of ns, us, ms, secs, mins, hrs, days, weeks (such as 15mins)");
        }
        BigDecimal value;
        try {
            if (number.isEmpty() || number.equals(".")) {
                throw new NumberFormatException();
            }
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "' does not start with a number; expected such as 15mins, 5secs or 100ms");
        }
        BigDecimal nanos = value.multiply(BigDecimal.valueOf(nanosPerUnit)).setScale(0, RoundingMode.HALF_UP);
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too long");
        }
    }
}
