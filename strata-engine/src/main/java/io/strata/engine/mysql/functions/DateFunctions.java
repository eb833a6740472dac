package io.strata.engine.mysql.functions;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * {@code DATE_FORMAT} and {@code STR_TO_DATE} with MySQL's format specifiers, whatever the format expression
 * (a column or parameter too, not only a literal).
 *
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/date-and-time-functions.html#function_date-format">DATE_FORMAT</a>
 * @see <a href="https://dev.mysql.com/doc/refman/8.0/en/date-and-time-functions.html#function_str-to-date">STR_TO_DATE</a>
 */
public final class DateFunctions {
    private DateFunctions() {}

    /** DATE_FORMAT(date, format); NULL if either is NULL. */
    public static String dateFormat(LocalDateTime d, String format) {
        if (d == null || format == null) return null;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            char f = format.charAt(++i);
            int hour12 = d.getHour() % 12 == 0 ? 12 : d.getHour() % 12;
            switch (f) {
                case 'a' -> out.append(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'b' -> out.append(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'c' -> out.append(d.getMonthValue());
                case 'D' -> out.append(d.getDayOfMonth()).append(suffix(d.getDayOfMonth()));
                case 'd' -> out.append(two(d.getDayOfMonth()));
                case 'e' -> out.append(d.getDayOfMonth());
                case 'f' -> out.append(String.format("%06d", d.getNano() / 1000));
                case 'H' -> out.append(two(d.getHour()));
                case 'h', 'I' -> out.append(two(hour12));
                case 'i' -> out.append(two(d.getMinute()));
                case 'j' -> out.append(String.format("%03d", d.getDayOfYear()));
                case 'k' -> out.append(d.getHour());
                case 'l' -> out.append(hour12);
                case 'M' -> out.append(d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'm' -> out.append(two(d.getMonthValue()));
                case 'p' -> out.append(d.getHour() < 12 ? "AM" : "PM");
                case 'r' -> out.append(two(hour12)).append(':').append(two(d.getMinute())).append(':')
                        .append(two(d.getSecond())).append(d.getHour() < 12 ? " AM" : " PM");
                case 'S', 's' -> out.append(two(d.getSecond()));
                case 'T' -> out.append(two(d.getHour())).append(':').append(two(d.getMinute())).append(':')
                        .append(two(d.getSecond()));
                case 'U' -> out.append(two(week(d.toLocalDate(), true)));
                case 'u' -> out.append(two(week(d.toLocalDate(), false)));
                case 'W' -> out.append(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'w' -> out.append(d.getDayOfWeek().getValue() % 7);
                case 'Y' -> out.append(String.format("%04d", d.getYear()));
                case 'y' -> out.append(two(d.getYear() % 100));
                default -> out.append(f); // %% and unknown specifiers: the character itself
            }
        }
        return out.toString();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static String suffix(int day) {
        if (day >= 11 && day <= 13) return "th";
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /** Week of the year, 00..53: modes 0 (%U, Sunday first) and 1 (%u, Monday first, ISO-like count). */
    private static int week(LocalDate d, boolean sundayFirst) {
        LocalDate jan1 = d.withDayOfYear(1);
        DayOfWeek first = sundayFirst ? DayOfWeek.SUNDAY : DayOfWeek.MONDAY;
        int offset = (first.getValue() - jan1.getDayOfWeek().getValue() + 7) % 7; // days until the first 'first'
        if (!sundayFirst && offset >= 4) offset -= 7; // mode 1: week 1 has 4 or more days of the year
        long days = ChronoUnit.DAYS.between(jan1, d);
        return days < offset ? 0 : (int) ((days - offset) / 7) + 1;
    }

    /**
     * STR_TO_DATE(str, format) as a DATETIME; NULL if either is NULL or {@code str} does not match (MySQL
     * also warns). The rewrite casts it to DATE when a literal format has no time specifier.
     */
    public static LocalDateTime strToDate(String s, String format) {
        if (s == null || format == null) return null;
        int[] v = {0, 1, 1, 0, 0, 0, 0}; // year, month, day, hour, minute, second, micros
        boolean pm = false, hour12 = false;
        int p = 0;
        try {
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c != '%' || i + 1 >= format.length()) {
                    if (Character.isWhitespace(c)) {
                        while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
                    } else {
                        if (p >= s.length() || s.charAt(p) != c) return null;
                        p++;
                    }
                    continue;
                }
                char f = format.charAt(++i);
                int[] r;
                switch (f) {
                    case 'Y' -> { r = number(s, p, 4); v[0] = r[0]; p = r[1]; }
                    case 'y' -> { r = number(s, p, 2); v[0] = r[0] < 70 ? 2000 + r[0] : 1900 + r[0]; p = r[1]; }
                    case 'm', 'c' -> { r = number(s, p, 2); v[1] = r[0]; p = r[1]; }
                    case 'd', 'e' -> { r = number(s, p, 2); v[2] = r[0]; p = r[1]; }
                    case 'H', 'k' -> { r = number(s, p, 2); v[3] = r[0]; p = r[1]; }
                    case 'h', 'I', 'l' -> { r = number(s, p, 2); v[3] = r[0]; p = r[1]; hour12 = true; }
                    case 'i' -> { r = number(s, p, 2); v[4] = r[0]; p = r[1]; }
                    case 's', 'S' -> { r = number(s, p, 2); v[5] = r[0]; p = r[1]; }
                    case 'f' -> {
                        int start = p;
                        r = number(s, p, 6);
                        v[6] = r[0] * (int) Math.pow(10, 6 - (r[1] - start));
                        p = r[1];
                    }
                    case 'p' -> {
                        String ap = s.substring(p, Math.min(s.length(), p + 2)).toUpperCase(Locale.ROOT);
                        if (!ap.equals("AM") && !ap.equals("PM")) return null;
                        pm = ap.equals("PM");
                        p += 2;
                    }
                    case 'M', 'b' -> {
                        int month = monthName(s, p);
                        if (month == 0) return null;
                        v[1] = month;
                        String name = java.time.Month.of(month).getDisplayName(f == 'M' ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH);
                        p += name.length();
                    }
                    case 'T' -> {
                        LocalDateTime t = strToDate(s.substring(p), "%H:%i:%s");
                        if (t == null) return null;
                        v[3] = t.getHour(); v[4] = t.getMinute(); v[5] = t.getSecond();
                        p = s.length();
                    }
                    case 'D' -> {
                        r = number(s, p, 2); v[2] = r[0]; p = Math.min(s.length(), r[1] + 2);
                    }
                    default -> {
                        if (p >= s.length() || s.charAt(p) != f) return null;
                        p++;
                    }
                }
            }
            if (hour12) {
                if (v[3] < 1 || v[3] > 12) return null;
                v[3] = v[3] % 12 + (pm ? 12 : 0);
            }
            return LocalDateTime.of(LocalDate.of(v[0], v[1], v[2]), LocalTime.of(v[3], v[4], v[5], v[6] * 1000));
        } catch (RuntimeException e) { // out-of-range field or no digits where a number belongs
            return null;
        }
    }

    private static int[] number(String s, int p, int maxDigits) {
        int start = p, value = 0;
        while (p < s.length() && p - start < maxDigits && Character.isDigit(s.charAt(p))) {
            value = value * 10 + (s.charAt(p) - '0');
            p++;
        }
        if (p == start) throw new IllegalArgumentException("digits expected");
        return new int[] {value, p};
    }

    private static int monthName(String s, int p) {
        String rest = s.substring(p).toLowerCase(Locale.ROOT);
        for (java.time.Month m : java.time.Month.values()) {
            if (rest.startsWith(m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT))) return m.getValue();
        }
        for (java.time.Month m : java.time.Month.values()) {
            if (rest.startsWith(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT))) return m.getValue();
        }
        return 0;
    }
}
