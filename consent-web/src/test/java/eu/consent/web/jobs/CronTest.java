package eu.consent.web.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ejb.ScheduleExpression;
import org.junit.jupiter.api.Test;

class CronTest {

    @Test
    void fiveFieldsBecomeACalendarScheduleInUtc() {
        ScheduleExpression e = Cron.parse("30 2 * * 1-5");
        assertEquals("0", e.getSecond());
        assertEquals("30", e.getMinute());
        assertEquals("2", e.getHour());
        assertEquals("*", e.getDayOfMonth());
        assertEquals("*", e.getMonth());
        assertEquals("1-5", e.getDayOfWeek());
        assertEquals("UTC", e.getTimezone());
        assertEquals("*/15", Cron.parse("*/15 * * * Mon").getMinute());
    }

    @Test
    void refusesWhatIsNotFiveCronFields() {
        assertThrows(IllegalArgumentException.class, () -> Cron.parse("30 2 * *"));
        assertThrows(IllegalArgumentException.class, () -> Cron.parse("30 2 * * * *"));
        assertThrows(IllegalArgumentException.class, () -> Cron.parse("30 2x * * *"));
        assertThrows(IllegalArgumentException.class, () -> Cron.parse("30 2 ? * *"));
    }
}
