package eu.consent.web.jobs;

import eu.consent.batch.jobs.Job;
import eu.consent.batch.jobs.Jobs;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The nightly schedule: one persistent EJB calendar timer per job, stored in the database by Liberty's persistent
 * executor, so that the timers survive restarts and fire once per cluster (one member runs each expiration; another
 * takes over when a member is down). Which jobs run when, and the rule that a job still running when its time comes
 * again is not started twice, belong to {@link Jobs}.
 */
@Singleton
@Startup
@RunAs("admin")
public class NightlySchedule {

    private static final Logger LOG = Logger.getLogger(NightlySchedule.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Jobs jobs;

    /** What a timer carries: the job and the expression it was made from (to notice a changed configuration). */
    record Entry(String job, String cron) implements Serializable {}

    /** One scheduled job: when it runs next. */
    public record Scheduled(String job, String cron, Date next) {}

    @PostConstruct
    void schedule() {
        Map<String, String> wanted = new LinkedHashMap<>();
        jobs.nightly().forEach((job, cron) -> wanted.put(job.xmlName(), cron));
        boolean enabled = !wanted.isEmpty();
        for (Timer timer : timers.getTimers()) {
            if (!(timer.getInfo() instanceof Entry e) || !e.cron().equals(wanted.get(e.job()))) {
                timer.cancel();
            } else {
                wanted.remove(e.job());
            }
        }
        wanted.forEach((job, cron) ->
                timers.createCalendarTimer(Cron.parse(cron), new TimerConfig(new Entry(job, cron), true)));
        LOG.info(() -> enabled ? "nightly schedule in force: " + scheduled() : "nightly schedule switched off");
    }

    @Timeout
    void fire(Timer timer) {
        Entry entry = (Entry) timer.getInfo();
        Job job = Job.named(entry.job()).orElseThrow(() -> new IllegalStateException("no job " + entry.job()));
        jobs.startUnlessRunning(job)
                .ifPresentOrElse(
                        id -> LOG.info(() -> entry.job() + " started on schedule, execution " + id),
                        () -> LOG.warning(
                                () -> entry.job() + " is still running from an earlier start; not started again"));
    }

    /** The jobs scheduled now, with their next run. */
    public List<Scheduled> scheduled() {
        List<Scheduled> list = new ArrayList<>();
        for (Timer timer : timers.getTimers()) {
            if (timer.getInfo() instanceof Entry e) {
                list.add(new Scheduled(e.job(), e.cron(), timer.getNextTimeout()));
            }
        }
        return list;
    }
}
