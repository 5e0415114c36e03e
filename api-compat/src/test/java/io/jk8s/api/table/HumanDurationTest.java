package io.jk8s.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cases from apimachinery's duration_test.go. */
class HumanDurationTest {

    @Test
    void formatsLikeKubectl() {
        assertEquals("0s", HumanDuration.format(Duration.ofMillis(-1500)));
        assertEquals("<invalid>", HumanDuration.format(Duration.ofSeconds(-2)));
        assertEquals("5s", HumanDuration.format(Duration.ofSeconds(5)));
        assertEquals("119s", HumanDuration.format(Duration.ofSeconds(119)));
        assertEquals("3m2s", HumanDuration.format(Duration.ofSeconds(182)));
        assertEquals("5m", HumanDuration.format(Duration.ofMinutes(5)));
        assertEquals("47m", HumanDuration.format(Duration.ofMinutes(47)));
        assertEquals("4h10m", HumanDuration.format(Duration.ofMinutes(250)));
        assertEquals("10h", HumanDuration.format(Duration.ofHours(10)));
        assertEquals("3d5h", HumanDuration.format(Duration.ofHours(77)));
        assertEquals("12d", HumanDuration.format(Duration.ofDays(12)));
        assertEquals("2y30d", HumanDuration.format(Duration.ofDays(760)));
        assertEquals("9y", HumanDuration.format(Duration.ofDays(365 * 9 + 20)));
    }
}
