package eu.consent.web.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RunAs;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
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
import java.util.Properties;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The nightly schedule: one persistent EJB calendar timer per job, stored in the database by Liberty's persistent
 * executor, so that the timers survive restarts and fire once per cluster (one member runs each expiration; another
 * takes over when a member is down). A job still running when its time comes again is not started twice.
 */
@Singleton
@Startup
@RunAs("admin")
public class NightlySchedule {

    private static final Logger LOG = Logger.getLogger(NightlySchedule.class.getName());

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "consent.schedule.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "consent.schedule.retention-purge", defaultValue = "30 2 * * *")
    String retentionPurge;

    @Inject
    @ConfigProperty(name = "consent.schedule.reactivation-flag", defaultValue = "0 3 * * *")
    String reactivationFlag;

    @Inject
    @ConfigProperty(name = "consent.schedule.suppression-resync", defaultValue = "30 1 * * *")
    String suppressionResync;

    @Inject
    @ConfigProperty(name = "consent.schedule.pending-expiry", defaultValue = "15 1 * * *")
    String pendingExpiry;

    /** Verifies the audit chain and exports its signed head outside the database. */
    @Inject
    @ConfigProperty(name = "consent.schedule.audit-verify", defaultValue = "45 3 * * *")
    String auditVerify;

    /** What a timer carries: the job and the expression it was made from (to notice a changed configuration). */
    record Entry(String job, String cron) implements Serializable {}

    /** One scheduled job: when it runs next. */
    public record Scheduled(String job, String cron, Date next) {}

    @PostConstruct
    void schedule() {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (enabled) {
            wanted.put("retention-purge", retentionPurge);
            wanted.put("reactivation-flag", reactivationFlag);
            wanted.put("suppression-resync", suppressionResync);
            wanted.put("pending-expiry", pendingExpiry);
            wanted.put("audit-verify", auditVerify);
        }
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
        JobOperator operator = BatchRuntime.getJobOperator();
        if (running(operator, entry.job())) {
            LOG.warning(() -> entry.job() + " is still running from an earlier start; not started again");
            return;
        }
        long id = operator.start(entry.job(), new Properties());
        LOG.info(() -> "started " + entry.job() + " on schedule, execution " + id);
    }

    private static boolean running(JobOperator operator, String job) {
        try {
            return !operator.getRunningExecutions(job).isEmpty();
        } catch (NoSuchJobException e) {
            return false;
        }
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
