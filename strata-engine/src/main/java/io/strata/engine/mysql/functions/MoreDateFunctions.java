package io.strata.engine.mysql.functions;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/**
 * More MySQL date and time functions H2 lacks or computes differently (TIMESTAMPDIFF counts whole units,
 * WEEK's default mode is 0).
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/date-and-time-functions.html">Date and Time Functions</a>
 */
public final class MoreDateFunctions {
    /** Day number of 0000-01-01 in MySQL's TO_DAYS count (proleptic Gregorian, day 1 = 0000-01-01). */
    private static final long TO_DAYS_OFFSET = 719528; // TO_DAYS('1970-01-01')

    private MoreDateFunctions() {}

    /** DATE(expr): the date part; NULL (MySQL also warns) for an invalid date such as 2024-02-30. */
    public static LocalDate date(String s) {
        if (s == null) return null;
        String d = s.strip();
        if (d.length() > 10) d = d.substring(0, 10);
        try {
            return LocalDate.parse(d);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * SLEEP(seconds) (14.24 Miscellaneous Functions): waits, then 0; 1 if KILL QUERY interrupted the wait
     * (not deterministic: never folded).
     */
    public static long sleep(Double seconds) throws InterruptedException {
        if (seconds == null || seconds <= 0) return 0;
        return StatementContext.sleepMillis((long) (seconds * 1000)) ? 1 : 0;
    }

    /** TIME(expr): the time part of a time or datetime string. */
    public static LocalTime time(String s) {
        if (s == null) return null;
        String t = s.strip();
        int space = t.lastIndexOf(' ');
        if (space >= 0) t = t.substring(space + 1);
        if (t.indexOf('T') >= 0) t = t.substring(t.indexOf('T') + 1);
        try {
            return LocalTime.parse(t.length() == 5 ? t + ":00" : t);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static LocalDate makeDate(Integer year, Integer dayOfYear) {
        if (year == null || dayOfYear == null || dayOfYear < 1) return null;
        return LocalDate.of(year, 1, 1).plusDays(dayOfYear - 1);
    }

    public static LocalTime makeTime(Integer h, Integer m, Integer s) {
        if (h == null || m == null || s == null) return null;
        try {
            return LocalTime.of(h, m, s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static LocalTime secToTime(Long seconds) {
        return seconds == null || seconds < 0 || seconds >= 86400 ? null : LocalTime.ofSecondOfDay(seconds);
    }

    public static Long timeToSec(String t) {
        LocalTime lt = time(t);
        return lt == null ? null : (long) lt.toSecondOfDay();
    }

    /** TIMEDIFF(a, b) of two times (or datetimes): a - b, within a day. */
    public static LocalTime timeDiff(String a, String b) {
        LocalTime x = time(a), y = time(b);
        if (x == null || y == null) return null;
        long d = x.toSecondOfDay() - y.toSecondOfDay();
        return d < 0 ? null : LocalTime.ofSecondOfDay(d);
    }

    public static LocalTime addTime(String a, String b) {
        LocalTime x = time(a), y = time(b);
        return x == null || y == null ? null : x.plusSeconds(y.toSecondOfDay());
    }

    public static LocalTime subTime(String a, String b) {
        LocalTime x = time(a), y = time(b);
        return x == null || y == null ? null : x.minusSeconds(y.toSecondOfDay());
    }

    public static Long toDays(LocalDateTime d) {
        return d == null ? null : d.toLocalDate().toEpochDay() + TO_DAYS_OFFSET;
    }

    public static LocalDate fromDays(Long n) {
        return n == null ? null : LocalDate.ofEpochDay(n - TO_DAYS_OFFSET);
    }

    /** DAYOFWEEK: 1 = Sunday ... 7 = Saturday. */
    public static Long dayOfWeek(LocalDateTime d) {
        return d == null ? null : (long) (d.getDayOfWeek().getValue() % 7 + 1);
    }

    /** WEEKDAY: 0 = Monday ... 6 = Sunday. */
    public static Long weekday(LocalDateTime d) {
        return d == null ? null : (long) (d.getDayOfWeek().getValue() - 1);
    }

    public static Long dayOfYear(LocalDateTime d) {
        return d == null ? null : (long) d.getDayOfYear();
    }

    /** WEEK(date[, mode]) for modes 0 (the default: Sunday first, 0..53) and 1 (Monday first). */
    public static Long week(LocalDateTime d, Integer... mode) {
        if (d == null) return null;
        int m = mode.length > 0 && mode[0] != null ? mode[0] : 0;
        String w = DateFunctions.dateFormat(d, m % 2 == 0 ? "%U" : "%u");
        return Long.parseLong(w);
    }

    /** TIMESTAMPDIFF(unit, a, b): whole units from a to b. */
    public static Long timestampDiff(String unit, LocalDateTime a, LocalDateTime b) {
        if (unit == null || a == null || b == null) return null;
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "MICROSECOND" -> ChronoUnit.MICROS.between(a, b);
            case "SECOND" -> ChronoUnit.SECONDS.between(a, b);
            case "MINUTE" -> ChronoUnit.MINUTES.between(a, b);
            case "HOUR" -> ChronoUnit.HOURS.between(a, b);
            case "DAY" -> ChronoUnit.DAYS.between(a, b);
            case "WEEK" -> ChronoUnit.WEEKS.between(a, b);
            case "MONTH" -> ChronoUnit.MONTHS.between(a, b);
            case "QUARTER" -> ChronoUnit.MONTHS.between(a, b) / 3;
            case "YEAR" -> ChronoUnit.YEARS.between(a, b);
            default -> throw new IllegalArgumentException("unknown TIMESTAMPDIFF unit " + unit);
        };
    }

    /** FROM_UNIXTIME(n) in the server's time zone, as a DATETIME. */
    public static LocalDateTime fromUnixTime(Long seconds) {
        return seconds == null ? null : LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds), ZoneId.systemDefault());
    }

    /** Unused by MySQL names; kept to express durations in tests. */
    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    /**
     * EXTRACT(unit FROM x) for MySQL's compound units (14.7 Date and Time Functions, Temporal Intervals):
     * {@code DAY_MINUTE} of {@code 2024-03-05 10:11:12} is 51011. x is a date, datetime, time or a string read as
     * one; NULL (warning 1292) if it is none.
     */
    public static Long extract(String unit, Value v) {
        if (unit == null || v == null || v == ValueNull.INSTANCE) return null;
        LocalDateTime d;
        boolean dayless = v.getValueType() == Value.TIME || v.getValueType() == Value.TIME_TZ;
        if (dayless) {
            d = LocalDate.of(0, 1, 1).atTime(LocalTime.parse(v.getString().substring(0, 8)));
        } else {
            String str = v.getString().strip();
            LocalTime timeOnly = null;
            if (str.indexOf(':') > 0 && str.indexOf('-') < 0 && str.indexOf(' ') < 0) {
                try {
                    timeOnly = MySqlDates.time(str);
                } catch (RuntimeException e) {
                    timeOnly = null;
                }
            }
            dayless = timeOnly != null;
            d = timeOnly != null ? LocalDate.of(0, 1, 1).atTime(timeOnly) : Conversions.toDatetime(v);
        }
        if (d == null) return null;
        long day = dayless ? 0 : d.getDayOfMonth();
        long h = d.getHour(), m = d.getMinute(), sec = d.getSecond(), us = d.getNano() / 1000;
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "YEAR_MONTH" -> d.getYear() * 100L + d.getMonthValue();
            case "DAY_HOUR" -> day * 100 + h;
            case "DAY_MINUTE" -> (day * 100 + h) * 100 + m;
            case "DAY_SECOND" -> ((day * 100 + h) * 100 + m) * 100 + sec;
            case "DAY_MICROSECOND" -> (((day * 100 + h) * 100 + m) * 100 + sec) * 1_000_000 + us;
            case "HOUR_MINUTE" -> h * 100 + m;
            case "HOUR_SECOND" -> (h * 100 + m) * 100 + sec;
            case "HOUR_MICROSECOND" -> ((h * 100 + m) * 100 + sec) * 1_000_000 + us;
            case "MINUTE_SECOND" -> m * 100 + sec;
            case "MINUTE_MICROSECOND" -> (m * 100 + sec) * 1_000_000 + us;
            case "SECOND_MICROSECOND" -> sec * 1_000_000 + us;
            default -> null;
        };
    }
}
