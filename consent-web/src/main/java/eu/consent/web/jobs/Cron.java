package eu.consent.web.jobs;

import jakarta.ejb.ScheduleExpression;
import java.util.regex.Pattern;

/** Five-field cron expressions ({@code minute hour day-of-month month day-of-week}) as EJB calendar schedules. */
final class Cron {

    private static final Pattern FIELD = Pattern.compile("[0-9*/,\\-]+|[A-Za-z]{3}(-[A-Za-z]{3})?");

    private Cron() {}

    static ScheduleExpression parse(String cron) {
        String[] f = cron.strip().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException(
                    "a schedule is five fields: minute hour day-of-month month day-of-week," + " not '" + cron + "'");
        }
        for (String field : f) {
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("'" + field + "' is not a cron field in '" + cron + "'");
            }
        }
        return new ScheduleExpression()
                .second("0")
                .minute(f[0])
                .hour(f[1])
                .dayOfMonth(f[2])
                .month(f[3])
                .dayOfWeek(f[4])
                .timezone("UTC");
    }
}
