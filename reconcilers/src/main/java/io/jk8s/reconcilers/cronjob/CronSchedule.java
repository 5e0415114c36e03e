package io.jk8s.reconcilers.cronjob;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CronJob schedule as kube parses it (robfig/cron v3's standard parser): five fields (minute,
 * hour, day of month, month, day of week) with lists, ranges, steps, {@code *} and {@code ?},
 * month and weekday names, and the descriptors {@code @yearly}, {@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly} and
 * {@code @every <duration>}. When both day fields are restricted a day matching either runs, as
 * in Vixie cron.
 */
public final class CronSchedule {

    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;
    private final Duration every;

    private CronSchedule(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
            boolean anyDayOfMonth, boolean anyDayOfWeek, Duration every) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.anyDayOfMonth = anyDayOfMonth;
        this.anyDayOfWeek = anyDayOfWeek;
        this.every = every;
    }

    /** @throws IllegalArgumentException with the reason the schedule is invalid */
    public static CronSchedule parse(String schedule) {
        String spec = schedule.trim();
        if (spec.startsWith("@every ")) {
            Duration every = GoDuration.parse(spec.substring("@every ".length()).trim());
            if (every.compareTo(Duration.ofSeconds(1)) < 0) {
                every = Duration.ofSeconds(1);
            }
            return new CronSchedule(null, null, null, null, null, true, true, every);
        }
        if (spec.startsWith("@")) {
            String expansion = DESCRIPTORS.get(spec.toLowerCase(Locale.ROOT));
            if (expansion == null) {
                throw new IllegalArgumentException("unrecognized descriptor: " + spec);
            }
            spec = expansion;
        }
        String[] fields = spec.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.length + ": " + spec);
        }
        return new CronSchedule(field(fields[0], 0, 59, List.of()), field(fields[1], 0, 23, List.of()),
                field(fields[2], 1, 31, List.of()), field(fields[3], 1, 12, MONTHS), field(fields[4], 0, 6, DAYS),
                isStar(fields[2]), isStar(fields[4]), null);
    }

    /** A field counts as unrestricted only when it is {@code *} or {@code ?} without a step. */
    private static boolean isStar(String field) {
        for (String part : field.split(",")) {
            String range = part.split("/")[0];
            boolean stepped = part.contains("/") && !part.endsWith("/1");
            if ((range.equals("*") || range.equals("?")) && !stepped) {
                return true;
            }
        }
        return false;
    }

    private static BitSet field(String field, int min, int max, List<String> names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : field.split(",")) {
            String[] rangeAndStep = part.split("/", -1);
            if (rangeAndStep.length > 2) {
                throw new IllegalArgumentException("too many slashes: " + part);
            }
            String range = rangeAndStep[0];
            int start;
            int end;
            if (range.equals("*") || range.equals("?")) {
                start = min;
                end = max;
            } else {
                String[] bounds = range.split("-", -1);
                if (bounds.length > 2) {
                    throw new IllegalArgumentException("too many hyphens: " + range);
                }
                start = value(bounds[0], names, min);
                end = bounds.length == 2 ? value(bounds[1], names, min) : start;
                if (rangeAndStep.length == 2 && bounds.length == 1) {
                    end = max; // "N/step" means "N-max/step"
                }
            }
            int step = rangeAndStep.length == 2 ? value(rangeAndStep[1], List.of(), 0) : 1;
            if (start < min || end > max || start > end || step <= 0) {
                throw new IllegalArgumentException("value out of range (" + min + " - " + max + "): " + part);
            }
            for (int i = start; i <= end; i += step) {
                bits.set(i);
            }
        }
        return bits;
    }

    private static int value(String text, List<String> names, int min) {
        int named = names.indexOf(text.toLowerCase(Locale.ROOT));
        if (named >= 0) {
            return named + (names.size() == 12 ? 1 : 0);
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse int from " + text);
        }
    }

    /** The first activation strictly after {@code after}, or null if none within five years. */
    public ZonedDateTime next(ZonedDateTime after) {
        if (every != null) {
            return after.truncatedTo(ChronoUnit.SECONDS).plus(every);
        }
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int yearLimit = t.getYear() + 5;
        while (t.getYear() <= yearLimit) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t;
        }
        return null;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
    }
}
