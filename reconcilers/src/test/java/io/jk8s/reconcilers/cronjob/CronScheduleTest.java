package io.jk8s.reconcilers.cronjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static final ZonedDateTime MONDAY_NOON = ZonedDateTime.parse("2026-11-23T12:00:30Z");

    private static String next(String schedule, ZonedDateTime after) {
        return CronSchedule.parse(schedule).next(after).toString();
    }

    @Test
    void everyMinuteAndSteps() {
        assertEquals("2026-11-23T12:01Z", next("* * * * *", MONDAY_NOON));
        assertEquals("2026-11-23T12:01Z", next("*/1 * * * *", MONDAY_NOON));
        assertEquals("2026-11-23T12:15Z", next("*/15 * * * *", MONDAY_NOON));
        assertEquals("2026-11-23T12:05Z", next("5/10 * * * *", MONDAY_NOON));
        assertEquals("2026-11-23T12:20Z", next("20-40/10 * * * *", MONDAY_NOON));
        assertEquals("2026-11-23T13:00Z", next("0,30 13 * * *", MONDAY_NOON));
    }

    @Test
    void descriptors() {
        assertEquals("2026-11-23T13:00Z", next("@hourly", MONDAY_NOON));
        assertEquals("2026-11-24T00:00Z", next("@daily", MONDAY_NOON));
        assertEquals("2026-11-24T00:00Z", next("@midnight", MONDAY_NOON));
        assertEquals("2026-11-29T00:00Z", next("@weekly", MONDAY_NOON));
        assertEquals("2026-12-01T00:00Z", next("@monthly", MONDAY_NOON));
        assertEquals("2027-01-01T00:00Z", next("@yearly", MONDAY_NOON));
        assertEquals("2027-01-01T00:00Z", next("@annually", MONDAY_NOON));
        assertEquals("2026-11-23T13:30:30Z", next("@every 1h30m", MONDAY_NOON));
    }

    @Test
    void namesAndDayFields() {
        assertEquals("2026-11-27T09:00Z", next("0 9 * * FRI", MONDAY_NOON));
        assertEquals("2026-11-24T09:00Z", next("0 9 * * tue-thu", MONDAY_NOON));
        assertEquals("2027-03-01T00:00Z", next("0 0 1 MAR ?", MONDAY_NOON));
        // both day fields restricted: either one matching is enough (the 1st, or any Sunday)
        assertEquals("2026-11-29T00:00Z", next("0 0 1 * 0", MONDAY_NOON));
        // day of week unrestricted: only the day of month counts
        assertEquals("2026-12-01T00:00Z", next("0 0 1 * *", MONDAY_NOON));
        assertEquals("2028-02-29T00:00Z", next("0 0 29 2 *", MONDAY_NOON));
    }

    @Test
    void invalidSchedulesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("* * * *"));
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("60 * * * *"));
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("* * * * 7"));
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("@sometimes"));
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("5-1 * * * *"));
    }
}
