package eu.consent.web.jobs;

import eu.consent.batch.jobs.Job;
import eu.consent.batch.jobs.Jobs;
import eu.consent.shared.SqlStates;
import eu.consent.web.schema.SchemaStartup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
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

    static final int RETRY_SECONDS = 30;

    @Resource
    TimerService timers;

    @Inject
    SchemaStartup schema;

    @Resource
    SessionContext context;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    Jobs jobs;

    /**
     * The job parameter holding the timer's next expiration as this one runs: one value per expiration however late it
     * runs, so two runs with the same value would be one expiration run twice.
     */
    public static final String NEXT_TIMEOUT = "nextTimeout";

    /** The job parameter naming the member of the cluster that ran an expiration: host and Liberty server name. */
    public static final String MEMBER = "member";

    /** What a timer carries: the job and the expression it was made from (to notice a changed configuration). */
    record Entry(String job, String cron) implements Serializable {}

    /** One scheduled job: when it runs next, an instant as every time of the API (a Date was written zoned). */
    public record Scheduled(String job, String cron, Instant next) {}

    /**
     * Outside a transaction: each timer is created (and committed) while the lock keeps the other members waiting, so
     * that the next member to check finds it.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        try {
            schedule();
        } catch (RuntimeException e) {
            retryUnlessBroken(e);
        }
    }

    /**
     * A database that does not answer does not fail the start (it failed the application's, for good, until
     * 2026-12-07: tester AS's F3): the check is tried again every {@link #RETRY_SECONDS} s until it answers. Any other
     * failure (a schedule that cannot be set) is logged under an incident id and makes the server not live, so that it
     * is restarted once mended — on the retry path as at the start (review 42: a retry's failure went unseen, and the
     * server served without a schedule).
     */
    private void retryUnlessBroken(RuntimeException e) {
        if (!SqlStates.isUnreachable(e)) {
            String incident = UUID.randomUUID().toString();
            schema.failed(incident);
            LOG.log(Level.SEVERE, "the nightly schedule could not be set (incident " + incident + ")", e);
            return;
        }
        LOG.warning(() -> "the nightly schedule could not be checked, the database does not answer (" + e.getMessage()
                + "); tried again in " + RETRY_SECONDS + " s");
        NightlySchedule self = context.getBusinessObject(NightlySchedule.class);
        scheduler.schedule(self::recheck, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    /** Checks the schedule again, as at the start, once the database did not answer. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void recheck() {
        try {
            schedule();
        } catch (RuntimeException e) {
            retryUnlessBroken(e);
        }
    }

    private void schedule() {
        Map<String, String> wanted = new LinkedHashMap<>();
        jobs.nightly().forEach((job, cron) -> wanted.put(job.xmlName(), cron));
        boolean enabled = !wanted.isEmpty();
        try (ScheduleLock lock = ScheduleLock.take("jdbc/consent")) {
            // One timer per job: a timer whose expression changed goes, and so does a second timer of the same job.
            for (Timer timer : timers.getTimers()) {
                if (!(timer.getInfo() instanceof Entry e) || !e.cron().equals(wanted.get(e.job()))) {
                    timer.cancel();
                } else {
                    wanted.remove(e.job());
                }
            }
            wanted.forEach((job, cron) ->
                    timers.createCalendarTimer(Cron.parse(cron), new TimerConfig(new Entry(job, cron), true)));
        } catch (SQLException e) {
            throw new IllegalStateException("the nightly schedule could not be checked: " + e.getMessage(), e);
        }
        LOG.info(() -> enabled ? "nightly schedule in force: " + scheduled() : "nightly schedule switched off");
        // As the schedule's admin: the runs this server left running when it stopped are marked FAILED now.
        jobs.openRepository();
    }

    /**
     * Starts the job of this expiration, naming in its parameters the expiration (by the timer's next one) and the
     * member that ran it, so that the job repository shows which server took each night, and that none ran twice.
     */
    @Timeout
    void fire(Timer timer) {
        Entry entry = (Entry) timer.getInfo();
        if (!schema.isMigrated()) {
            // The timers live in the database: once it answers again, an expiration missed meanwhile may fire here
            // before this server's start-up work is done; a job must not read a schema not yet migrated (review 42).
            LOG.warning(() -> entry.job() + " not started: this server still waits for its start-up work");
            return;
        }
        Job job = Job.named(entry.job()).orElseThrow(() -> new IllegalStateException("no job " + entry.job()));
        Properties parameters = new Properties();
        parameters.setProperty(NEXT_TIMEOUT, timer.getNextTimeout().toInstant().toString());
        parameters.setProperty(MEMBER, member());
        jobs.startUnlessRunning(job, parameters)
                .ifPresentOrElse(
                        id -> LOG.info(() -> entry.job() + " started on schedule, execution " + id),
                        () -> LOG.warning(
                                () -> entry.job() + " is still running from an earlier start; not started again"));
    }

    private static String member() {
        String server = System.getProperty("wlp.server.name", "server");
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + server;
        } catch (UnknownHostException e) {
            return server;
        }
    }

    /** The jobs scheduled now, with their next run. */
    public List<Scheduled> scheduled() {
        List<Scheduled> list = new ArrayList<>();
        for (Timer timer : timers.getTimers()) {
            if (timer.getInfo() instanceof Entry e) {
                Date next = timer.getNextTimeout();
                list.add(new Scheduled(e.job(), e.cron(), next == null ? null : next.toInstant()));
            }
        }
        return list;
    }
}
