package io.strata.engine.mysql.functions;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * MySQL's reading of strings and numbers as dates and datetimes (MySQL manual 13.2.2 The DATE, DATETIME, and
 * TIMESTAMP Types, "Date and Time Literals"):
 *
 * <ul>
 *   <li>strings with any punctuation between the parts: {@code '2024-03-05'}, {@code '2024/3/5'},
 *       {@code '24-03-05'} (two-digit years 70-99 are 19xx, 00-69 are 20xx), optionally followed by a time
 *       {@code 10:11:12[.ffffff]} after a space or {@code T};</li>
 *   <li>strings or numbers of digits only: {@code YYYYMMDD}, {@code YYMMDD}, {@code YYYYMMDDhhmmss},
 *       {@code YYMMDDhhmmss}.</li>
 * </ul>
 *
 * Anything else, or a date that does not exist ({@code 2024-02-30}), is invalid: null. Fractional seconds
 * are rounded to {@code fsp} digits, as MySQL 8 rounds them.
 */
final class MySqlDates {
    private MySqlDates() {}

    /** The datetime {@code s} stands for, or null if it is not a valid MySQL date or datetime. */
    static LocalDateTime parse(String s) {
        if (s == null) return null;
        String t = s.strip();
        if (t.isEmpty()) return null;
        boolean digitsOnly = true;
        for (int i = 0; i < t.length() && digitsOnly; i++) digitsOnly = Character.isDigit(t.charAt(i));
        try {
            return digitsOnly ? compact(t) : delimited(t);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** YYYYMMDD[hhmmss] or YYMMDD[hhmmss]. */
    private static LocalDateTime compact(String d) {
        int yearDigits = switch (d.length()) {
            case 8, 14 -> 4;
            case 6, 12 -> 2;
            default -> -1;
        };
        if (yearDigits < 0) return null;
        int year = year(d.substring(0, yearDigits));
        int p = yearDigits;
        LocalDate date = LocalDate.of(year, Integer.parseInt(d.substring(p, p + 2)), Integer.parseInt(d.substring(p + 2, p + 4)));
        if (d.length() == p + 4) return date.atStartOfDay();
        p += 4;
        return date.atTime(Integer.parseInt(d.substring(p, p + 2)), Integer.parseInt(d.substring(p + 2, p + 4)),
                Integer.parseInt(d.substring(p + 4, p + 6)));
    }

    private static int year(String digits) {
        int y = Integer.parseInt(digits);
        if (digits.length() == 2) y += y >= 70 ? 1900 : 2000;
        return y;
    }

    /** Y-M-D with any punctuation, then optionally h:m:s[.f] after a space or T. */
    private static LocalDateTime delimited(String t) {
        int split = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ' ' || c == 'T') {
                split = i;
                break;
            }
        }
        String datePart = split < 0 ? t : t.substring(0, split);
        String timePart = split < 0 ? "" : t.substring(split + 1).strip();
        String[] d = datePart.split("[^0-9]+", -1);
        if (d.length != 3 || d[0].isEmpty() || d[1].isEmpty() || d[2].isEmpty() || d[0].length() > 4) return null;
        LocalDate date = LocalDate.of(year(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]));
        if (timePart.isEmpty()) return date.atStartOfDay();
        LocalTime time = time(timePart);
        return time == null ? null : date.atTime(time);
    }

    /** h:m[:s[.ffffff]], nanoseconds exact. */
    static LocalTime time(String t) {
        String[] parts = t.split(":", -1);
        if (parts.length < 2 || parts.length > 3) return null;
        int h = Integer.parseInt(parts[0]);
        int m = Integer.parseInt(parts[1]);
        int s = 0, nanos = 0;
        if (parts.length == 3) {
            String sec = parts[2];
            int dot = sec.indexOf('.');
            s = Integer.parseInt(dot < 0 ? sec : sec.substring(0, dot));
            if (dot >= 0) {
                String f = (sec.substring(dot + 1) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(f);
            }
        }
        return LocalTime.of(h, m, s, nanos);
    }

    /** {@code d} with its fractional seconds rounded to {@code fsp} digits (0 to 6). */
    static LocalDateTime round(LocalDateTime d, int fsp) {
        long unit = (long) Math.pow(10, 9 - fsp);
        long nanos = d.getNano();
        long rounded = (nanos + unit / 2) / unit * unit;
        return d.withNano(0).plusNanos(rounded);
    }
}
