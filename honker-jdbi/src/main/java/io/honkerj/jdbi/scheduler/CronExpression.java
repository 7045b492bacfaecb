package io.honkerj.jdbi.scheduler;

import io.honkerj.api.InvalidCronException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cron expression in upstream honker's dialect, computing the same next-fire times as upstream's
 * {@code honker_cron_next_after(expr, from)}.
 *
 * <ul>
 *   <li>{@code @every <n><unit>} with unit {@code s}, {@code m}, {@code h} or {@code d}, n &gt; 0 (spaces
 *       optional: {@code @every1s}): the next fire is {@code from + interval}, with no wall-clock alignment
 *       and no time zone. No other {@code @} macro exists.</li>
 *   <li>Otherwise 5 fields (minute hour day-of-month month day-of-week, second 0) or 6 (second first).
 *       Numbers only (no names, {@code ?}, {@code L}, {@code W}, {@code #}); day-of-week 0-6 with 0 =
 *       Sunday. Each field is a comma list of {@code *}, {@code N} or {@code A-B}, each optionally
 *       {@code /S} (S &gt; 0): {@code *}/S and {@code A-B/S} step from the start, {@code N/S} means N only.
 *       Day-of-month and day-of-week must both match (not Vixie cron's OR). As upstream reads them, fields
 *       are separated by any Unicode White_Space (including no-break spaces), and a number may carry a
 *       leading {@code +} and be as large as 4294967295 (only a step can be that large and valid:
 *       {@code 30-59/4294967295} is 30).</li>
 *   <li>The next fire is the first matching second strictly after {@code from}, searched up to 100 years
 *       ahead (an expression that never matches, like {@code 0 0 31 2 *}, is invalid), in a time zone:
 *       a local time that does not exist (spring-forward gap) fires at the first instant after the gap; a
 *       local time that occurs twice (fall-back overlap) fires once, at its later occurrence, so a
 *       sub-hourly schedule skips the first pass through the repeated hour. This is what upstream was
 *       observed to do; {@code ZonedDateTime.of} would do otherwise on both counts.</li>
 * </ul>
 *
 * <p>The grammar is parsed here rather than with cron-utils: upstream's {@code N/S} meaning "N only", its
 * AND of the two day fields and its numeric-only, 0-6 day-of-week fields each differ from cron-utils'
 * definitions, and errors must name the field and value in upstream's terms.
 */
public final class CronExpression {
    private static final Pattern EVERY = Pattern.compile("(\\d+)([smhd])");
    private static final long MAX_U32 = 0xFFFF_FFFFL;
    private static final long SEARCH_YEARS = 100;
    private static final String[] NAMES_6 = {"second", "minute", "hour", "day-of-month", "month", "day-of-week"};
    private static final int[][] RANGES_6 = {{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};

    private final String expression;
    private final long everySeconds;
    private final BitSet[] fields;

    private CronExpression(String expression, long everySeconds, BitSet[] fields) {
        this.expression = expression;
        this.everySeconds = everySeconds;
        this.fields = fields;
    }

    /**
     * Parses and validates an expression (including that it ever fires).
     *
     * @param expr the expression
     * @return the parsed expression
     * @throws InvalidCronException naming the field and value at fault
     */
    public static CronExpression parse(String expr) {
        Objects.requireNonNull(expr, "expr");
        String text = strip(expr);
        if (text.startsWith("@")) {
            return new CronExpression(expr, parseEvery(expr, text), null);
        }
        List<String> parts = words(text);
        if (parts.size() != 5 && parts.size() != 6) {
            throw new InvalidCronException(expr, "expression", "must have 5 or 6 fields, got " + parts.size());
        }
        BitSet[] fields = new BitSet[6];
        int offset = parts.size() == 5 ? 1 : 0;
        if (offset == 1) {
            fields[0] = new BitSet();
            fields[0].set(0);
        }
        for (int i = 0; i < parts.size(); i++) {
            fields[i + offset] = parseField(expr, NAMES_6[i + offset], parts.get(i), RANGES_6[i + offset]);
        }
        CronExpression cron = new CronExpression(expr, 0, fields);
        cron.nextAfter(0, ZoneOffset.UTC);
        return cron;
    }

    private static long parseEvery(String expr, String text) {
        if (!text.startsWith("@every")) {
            throw new InvalidCronException(expr, "expression", "uses an unknown macro '" + words(text).get(0)
                    + "'; only @every <n>{s,m,h,d} exists");
        }
        String rest = strip(text.substring("@every".length()));
        Matcher m = EVERY.matcher(rest);
        if (!m.matches()) {
            throw new InvalidCronException(expr, "@every", "interval '" + rest
                    + "' must be digits and one unit s, m, h or d");
        }
        long unit = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86400;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n <= 0) {
                throw new InvalidCronException(expr, "@every", "interval must be positive, got '" + rest + "'");
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidCronException(expr, "@every", "interval '" + rest + "' is too large");
        }
    }

    /**
     * One field: a comma list of {@code *}, {@code N} or {@code A-B}, each with an optional {@code /S}. The text
     * is cut as upstream cuts it (at the first {@code /}, then at the first {@code -}), and each number is read
     * as upstream reads an unsigned 32-bit integer: an optional {@code +}, then ASCII digits.
     */
    private static BitSet parseField(String expr, String name, String field, int[] range) {
        BitSet set = new BitSet();
        for (String item : field.split(",", -1)) {
            int slash = item.indexOf('/');
            String base = slash < 0 ? item : item.substring(0, slash);
            long step = 1;
            if (slash >= 0) {
                step = number(expr, name, item, item.substring(slash + 1));
                if (step == 0) {
                    throw new InvalidCronException(expr, name, "step must be positive, got "
                            + item.substring(slash + 1));
                }
            }
            long from;
            long to;
            int dash = base.indexOf('-');
            if (base.equals("*")) {
                from = range[0];
                to = range[1];
            } else if (dash >= 0) {
                from = number(expr, name, item, base.substring(0, dash));
                to = number(expr, name, item, base.substring(dash + 1));
            } else {
                from = number(expr, name, item, base);
                to = from; // N/S means N only, as upstream
            }
            for (long v : new long[] {from, to}) {
                if (v < range[0] || v > range[1]) {
                    throw new InvalidCronException(expr, name, "value " + v + " is out of range "
                            + range[0] + "-" + range[1]);
                }
            }
            if (from > to) {
                throw new InvalidCronException(expr, name, "range " + base + " is inverted");
            }
            for (long v = from; v <= to; v += step) {
                set.set((int) v);
            }
        }
        return set;
    }

    /** An unsigned 32-bit number as Rust's {@code u32::from_str} reads it: optional {@code +}, ASCII digits. */
    private static long number(String expr, String name, String item, String text) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidCronException(expr, name, "item '" + item
                    + "' is not *, N or A-B with an optional /S");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        long value = significant.length() > 10 ? Long.MAX_VALUE : Long.parseLong(significant);
        if (value > MAX_U32) {
            throw new InvalidCronException(expr, name, "value " + text + " is too large");
        }
        return value;
    }

    /**
     * Whether {@code c} is Unicode White_Space, which is what upstream's Rust {@code trim} and
     * {@code split_whitespace} cut on ({@link Character#isWhitespace} differs: it excludes no-break spaces and
     * includes U+001C-U+001F).
     */
    static boolean isSpace(char c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** {@code text} without leading and trailing {@link #isSpace} characters. */
    static String strip(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    /** The non-empty runs of {@code text} between {@link #isSpace} characters. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || isSpace(text.charAt(i));
            if (space && start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return out;
    }

    /** @return the expression as given, for storage */
    public String expression() {
        return expression;
    }

    /** @return whether this is an {@code @every} interval */
    public boolean isInterval() {
        return fields == null;
    }

    /**
     * Computes the first fire strictly after {@code from}.
     *
     * @param fromEpochSecond the moment to search after, unix seconds (may be negative)
     * @param zone the time zone local times are read in (ignored by {@code @every})
     * @return the next fire, unix seconds
     * @throws InvalidCronException if nothing matches within 100 years, or the result overflows
     * @throws IllegalArgumentException if {@code from} (plus the 100-year search) is beyond {@link LocalDate}'s
     *     range
     */
    public long nextAfter(long fromEpochSecond, ZoneId zone) {
        if (fields == null) {
            try {
                return Math.addExact(fromEpochSecond, everySeconds);
            } catch (ArithmeticException e) {
                throw new InvalidCronException(expression, "@every", "overflows after " + fromEpochSecond);
            }
        }
        ZoneRules rules = zone.getRules();
        LocalDateTime start;
        LocalDate last;
        try {
            start = LocalDateTime.ofInstant(Instant.ofEpochSecond(fromEpochSecond), zone);
            last = start.toLocalDate().plusYears(SEARCH_YEARS);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("from " + fromEpochSecond + " is outside the supported date range", e);
        }
        LocalDate day = start.toLocalDate();
        LocalTime after = start.toLocalTime();
        boolean firstDay = true;
        for (; !day.isAfter(last); day = day.plusDays(1), firstDay = false) {
            if (!fields[4].get(day.getMonthValue()) || !fields[3].get(day.getDayOfMonth())
                    || !fields[5].get(day.getDayOfWeek().getValue() % 7)) {
                continue;
            }
            for (int h = fields[2].nextSetBit(firstDay ? after.getHour() : 0); h >= 0 && h < 24;
                    h = fields[2].nextSetBit(h + 1)) {
                for (int mi = fields[1].nextSetBit(0); mi >= 0 && mi < 60; mi = fields[1].nextSetBit(mi + 1)) {
                    for (int s = fields[0].nextSetBit(0); s >= 0 && s < 60; s = fields[0].nextSetBit(s + 1)) {
                        LocalDateTime local = day.atTime(h, mi, s);
                        if (firstDay && !local.isAfter(start)) {
                            continue;
                        }
                        long at = resolve(rules, local);
                        if (at > fromEpochSecond) {
                            return at;
                        }
                    }
                }
            }
        }
        throw new InvalidCronException(expression, "expression", "never fires within " + SEARCH_YEARS
                + " years after " + fromEpochSecond);
    }

    /** A gap resolves to the first instant after it; an overlap to its later occurrence. */
    private static long resolve(ZoneRules rules, LocalDateTime local) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.toEpochSecond(offsets.get(0));
        }
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant().getEpochSecond();
        }
        return Math.max(local.toEpochSecond(offsets.get(0)), local.toEpochSecond(offsets.get(1)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronExpression c && c.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
