package eu.consent.batch.jobs;

import eu.consent.imports.ImportFormat;
import eu.consent.imports.Imports;
import eu.consent.operations.JobOutcomes;
import eu.consent.shared.ConflictException;
import eu.consent.shared.NotFoundException;
import jakarta.batch.operations.BatchRuntimeException;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.JobStartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts, restarts and stops the jobs of {@link Job} through the {@link JobOperator}, with the caller's identity (Liberty
 * authorizes each call), and turns the operator's refusals into the domain's 404 and 409.
 */
@ApplicationScoped
public class Jobs {

    /** A job execution with its steps, as the operator reports them. */
    public record Execution(JobExecution job, List<StepExecution> steps) {}

    /** An upload kept and the execution of the import job that reads it. */
    public record StartedImport(Imports.Accepted accepted, long execution) {}

    private static final Set<BatchStatus> RESTARTABLE = Set.of(BatchStatus.FAILED, BatchStatus.STOPPED);

    /** How many of a job's instances one read of its history takes. */
    private static final int INSTANCES_PER_READ = 100;

    private static final Logger LOG = Logger.getLogger(Jobs.class.getName());

    /** How many times a start or a restart is tried when the job repository's transaction rolls back. */
    static final int START_ATTEMPTS = 5;

    @Inject
    Imports imports;

    @Inject
    JobOutcomes outcomes;

    @Inject
    UnstartedRuns unstarted;

    /**
     * Keeps an upload and starts the job that imports it. Three commits, in this order, by necessity: the job must find
     * the committed import row, and the operator starts a job in transactions of its own; the import then records its
     * job. An upload made with an {@code Idempotency-Key} records its {@code idempotencyScope} (null: none) before its
     * job starts, so that its first chunk already links its people to the key's answer.
     */
    public StartedImport startImport(
            InputStream body,
            long declaredLength,
            ImportFormat format,
            Map<String, String> mapping,
            Map<String, String> defaults,
            String by,
            String chunkSize,
            String partitions,
            String idempotencyScope) {
        Imports.Accepted accepted = imports.accept(body, declaredLength, format, mapping, defaults, by);
        if (idempotencyScope != null) {
            imports.keyedBy(accepted.id(), idempotencyScope);
        }
        return startImport(accepted, chunkSize, partitions);
    }

    /** Starts the job that imports an upload already kept, and records the job on the import (the last commit). */
    public StartedImport startImport(Imports.Accepted accepted, String chunkSize) {
        return startImport(accepted, chunkSize, null);
    }

    /** The same with {@code partitions} writers at once (null: the job's default for the database). */
    public StartedImport startImport(Imports.Accepted accepted, String chunkSize, String partitions) {
        Properties parameters = new Properties();
        parameters.setProperty("importId", accepted.id().toString());
        if (chunkSize != null) {
            parameters.setProperty("chunkSize", chunkSize);
        }
        if (partitions != null) {
            parameters.setProperty("partitions", partitions);
        }
        long execution = start(Job.CONTACT_IMPORT, parameters);
        imports.started(accepted.id(), execution);
        return new StartedImport(accepted, execution);
    }

    /** Starts the resync of one source, as an upload of its snapshot does. */
    public long startResync(String source) {
        Properties parameters = new Properties();
        parameters.setProperty("source", source);
        return start(Job.SUPPRESSION_RESYNC, parameters);
    }

    /** Starts a job an operator asked for (the API, the console), and audits it in their name. */
    public long startAsked(Job job, Properties parameters) {
        long execution = start(job, parameters);
        Map<String, String> given = new LinkedHashMap<>();
        parameters.stringPropertyNames().forEach(name -> given.put(name, parameters.getProperty(name)));
        outcomes.started(job.xmlName(), execution, given);
        return execution;
    }

    /**
     * Starts a job and answers the run that does its work: the one started, or, when that one failed before its first
     * step and was restarted for it, the restart ({@link UnstartedRuns}).
     */
    public long start(Job job, Properties parameters) {
        return unstarted.follow(startUnfollowed(job, parameters));
    }

    /** Starts a job (again while its repository's transaction rolls back) and answers the run started. */
    private static long startUnfollowed(Job job, Properties parameters) {
        return retryingRollbacks(() -> operator().start(job.xmlName(), parameters), Jobs::pause);
    }

    /**
     * Runs {@code start} (a start or a restart) again when the job repository's transaction was rolled back, at most
     * {@link #START_ATTEMPTS} times in all, pausing 100, 200, 400 and 800 ms in between; any other failure, or the
     * last, goes to the caller.
     * On Derby the repository commits on the service's data source (derby.xml), and an execution's id comes from
     * Derby's identity generator, which gives up at once ("A lock could not be obtained", its too-much-contention
     * error) when another transaction holds the generator's catalog row: an upload answered 500 that way once in a
     * whole test run (2026-12-04). Who holds the row, from Derby's lock table sampled every millisecond through the
     * batch tests: the other jobs' repository statements (an UPDATE of a repository table holds a shared lock on its
     * generator's row for up to 13 ms, 7 ms for JOBEXECUTION) and another new range's own write (up to 14 ms). Only a
     * new range (every 100 ids) writes the row, and it tries twice without waiting: a rare collision, which
     * JobStartRetryIT provokes. A failed start committed nothing but, at most, a job instance without executions, which
     * no listing shows. Each retry is logged as a warning. The same error at a run's first step, in the job's own
     * thread after this has returned, is mended by {@link UnstartedRuns}.
     */
    static long retryingRollbacks(LongSupplier start, IntConsumer pause) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.getAsLong();
            } catch (BatchRuntimeException e) {
                if (attempt == START_ATTEMPTS || !rolledBack(e)) {
                    throw e;
                }
                int millis = 100 << (attempt - 1);
                LOG.log(
                        Level.WARNING,
                        "job start or restart rolled back (attempt " + attempt + " of " + START_ATTEMPTS
                                + "); trying again in " + millis + " ms: " + rootCause(e));
                pause.accept(millis);
            }
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    /** Whether a transaction under this failure was rolled back (it says so in its causes). */
    static boolean rolledBack(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RollbackException) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a job", e);
        }
    }

    /**
     * Starts the job unless an earlier start still runs (a night never runs a job twice at once), for the nightly
     * schedule's timer callback, and answers the run it started without following it to its first step: a run that
     * fails before it is still restarted ({@link UnstartedRuns}, from the job listener), but the callback must not wait
     * for it. A member's claim on an expiration lapses when its callback outlasts the cluster's missed-task threshold,
     * and another member then runs the same expiration again: with the wait (up to 30 s) in the callback, a purge ran
     * twice for one expiration and B took a job from A while A was up, in a CI run under load (2026-12-06).
     */
    public Optional<Long> startUnlessRunning(Job job, Properties parameters) {
        if (running(job)) {
            return Optional.empty();
        }
        return Optional.of(startUnfollowed(job, parameters));
    }

    /**
     * Up to {@code limit} executions of a job, newest instance first (Liberty's order: by creation time), each
     * instance's executions oldest first (a restart is a second execution of the same instance), with their
     * parameters, from the execution {@code executionId} of the instance {@code instanceId} on (both null: from the
     * newest). A position named by ids, not by an index: instances started since (the nightly schedule, another
     * operator) come before it and shift nothing (tester AK's F1: until 2026-12-07 a page was the n-th instance on, and
     * a run started between two pages showed an execution twice). An instance gone since (a removed job repository
     * row) is followed by the instances with a lower id. The walk reads the instances a hundred at a time from the
     * newest, so a page deep in a long history (an import's: one instance per upload) costs a read per hundred
     * instances before it.
     */
    public List<Run> runsFrom(Job job, Long instanceId, Long executionId, int limit) {
        if ((instanceId == null) != (executionId == null)) {
            throw new IllegalArgumentException("a position names both its instance and its execution, or neither");
        }
        JobOperator operator = operator();
        List<Run> runs = new ArrayList<>();
        if (!everRan(operator, job)) {
            return runs;
        }
        try {
            for (boolean exact : new boolean[] {true, false}) {
                boolean found = instanceId == null;
                // Liberty reads the instances by creation time, a hundred a query: one started between two reads
                // shifts the next read by one, and would be met twice.
                Set<Long> seen = new HashSet<>();
                for (int start = 0; runs.size() < limit; start += INSTANCES_PER_READ) {
                    List<JobInstance> instances = operator.getJobInstances(job.xmlName(), start, INSTANCES_PER_READ);
                    for (JobInstance instance : instances) {
                        long id = instance.getInstanceId();
                        found = found || (exact ? id == instanceId : id < instanceId);
                        if (!found || runs.size() >= limit || !seen.add(id)) {
                            continue;
                        }
                        operator.getJobExecutions(instance).stream()
                                .sorted(Comparator.comparingLong(JobExecution::getExecutionId))
                                .filter(e ->
                                        instanceId == null || id != instanceId || e.getExecutionId() >= executionId)
                                .limit(limit - runs.size())
                                .forEach(e -> runs.add(new Run(id, e, operator.getParameters(e.getExecutionId()))));
                    }
                    if (instances.size() < INSTANCES_PER_READ) {
                        break;
                    }
                }
                if (found) {
                    return runs;
                }
            }
        } catch (NoSuchJobException e) {
            return List.of();
        }
        return runs;
    }

    /** One execution of a job instance, with the parameters it ran with. */
    public record Run(long instanceId, JobExecution execution, Properties parameters) {}

    /**
     * Restarts a failed or stopped execution from its last checkpoint, with its own parameters, and audits the restart
     * in the operator's name (every restart is an operator's: the API, the console, an import's). Whether it may is
     * checked before the batch runtime is asked: Liberty's restart of an instance whose execution is still starting or
     * running tries to mark that instance FAILED (a run just started was reported failed, or the call ended in a 500
     * once the run had completed), and its refusals name internal instance numbers. A FAILED or STOPPED execution never
     * changes status again, so what is checked here still holds when the runtime is called.
     */
    public long restart(long executionId) {
        JobExecution execution;
        try {
            execution = operator().getJobExecution(executionId);
        } catch (NoSuchJobExecutionException | JobSecurityException e) {
            throw new NotFoundException("job execution", executionId);
        }
        Optional<String> refused = whyNot(execution);
        if (refused.isPresent()) {
            throw new ConflictException("execution " + executionId + " cannot be restarted: " + refused.get());
        }
        long restarted;
        try {
            Properties previous = operator().getParameters(executionId);
            restarted = unstarted.follow(retryingRollbacks(
                    () -> operator().restart(executionId, previous == null ? new Properties() : previous),
                    Jobs::pause));
        } catch (NoSuchJobExecutionException e) {
            throw new NotFoundException("job execution", executionId);
        } catch (JobRestartException
                | JobStartException
                | JobExecutionAlreadyCompleteException
                | JobExecutionNotMostRecentException e) {
            // another restart of the same execution got there first, or the runtime refused for its own reason: said
            // as the runtime said it (a bare "the batch runtime refused it" told the operator nothing until 2026-12-07,
            // tester AS's F4: partitions a database outage left unfinished)
            throw new ConflictException("execution " + executionId + " cannot be restarted: "
                    + whyNot(operator().getJobExecution(executionId))
                            .orElseGet(() -> refusal(executionId, execution.getJobName(), e)));
        }
        outcomes.restarted(execution.getJobName(), restarted, executionId);
        return restarted;
    }

    /**
     * The batch runtime's refusal, for the operator, with what to do. A run a database outage failed part-way can keep
     * partitions whose threads could not record their end: Liberty never restarts such a run, and no server's start
     * mends it (it marks only runs still STARTED), so the work is done by a new run — an import's file uploaded again
     * imports each row once (the rows already in are updated, not doubled), a nightly job's next run or one started now
     * does the rest. Until 2026-12-07 the answer was "the batch runtime refused it" (tester AS's F4), then, for a day,
     * advice to restart the server that ran it, which did not help (AU's F2). The runtime's own words, which name its
     * internal instance numbers, go to the log.
     */
    private static String refusal(long executionId, String jobName, Exception e) {
        LOG.warning(() -> "restart of execution " + executionId + " refused by the batch runtime: " + e);
        return "the batch runtime cannot restart this run (a part of it may have been left unfinished when the database"
                + " stopped answering); "
                + (Job.CONTACT_IMPORT.xmlName().equals(jobName)
                        ? "upload the file again: each row is imported once, those already in are updated, not doubled"
                        : "start a new run of " + jobName + ": it does what this one left");
    }

    /**
     * Opens the job repository now, at the server's start, rather than at its first use: Liberty marks the runs and
     * partitions this server left running when it stopped (a crash, a database outage) FAILED when it opens it, and
     * until then every member showed them STARTED and refused their restart, and the schedule held their job back
     * (until 2026-12-07 that waited for the first call to this server's batch API, tester AS's F5).
     */
    public void openRepository() {
        try {
            known.addAll(operator().getJobNames());
        } catch (JobSecurityException e) {
            LOG.warning(() -> "the job repository is opened at its first use: " + e.getMessage());
        }
    }

    /**
     * Why an execution may not be restarted, in the API's words, or empty when it may: only a FAILED or STOPPED
     * execution that is the latest of its job instance (an older one's work was restarted already).
     */
    private Optional<String> whyNot(JobExecution execution) {
        if (!RESTARTABLE.contains(execution.getBatchStatus())) {
            return Optional.of("it is " + execution.getBatchStatus() + ", not FAILED or STOPPED");
        }
        Optional<JobExecution> later =
                latest(execution.getExecutionId()).filter(run -> run.getExecutionId() != execution.getExecutionId());
        // A failed run, or any run a later one followed (which, failed for want of the file, cannot be restarted
        // either: "restart that one" pointed at a refusal, tester AM's F7).
        Optional<String> forgotten = execution.getBatchStatus() == BatchStatus.FAILED || later.isPresent()
                ? forgottenImport(execution)
                : Optional.empty();
        if (forgotten.isPresent()) {
            return forgotten;
        }
        return later.map(run -> "execution " + run.getExecutionId() + ", a later run of the same work, is "
                + run.getBatchStatus()
                + (RESTARTABLE.contains(run.getBatchStatus()) ? ": restart that one" : ""));
    }

    /**
     * What a failed run's report says: its exit status, or, where that says only FAILED, why when the service knows (an
     * import forgotten since, its file with it): the execution, the audit's {@code JOB_FAILED} and {@code job.failed}
     * said "FAILED" alone until 2026-12-07 (tester AM's F7).
     */
    public String failureReport(long executionId, String exitStatus) {
        if (exitStatus != null && !exitStatus.equals(BatchStatus.FAILED.name())) {
            return exitStatus;
        }
        try {
            return forgottenImport(operator().getJobExecution(executionId))
                    .map(why -> "IMPORT_FORGOTTEN: " + why)
                    .orElse(BatchStatus.FAILED.name());
        } catch (RuntimeException e) {
            return BatchStatus.FAILED.name();
        }
    }

    /**
     * A failed run of an import forgotten since (older than {@code consent.import.keep-days}, its upload deleted): it
     * failed for want of its file and could only fail again, a {@code job.failed} each time (tester AK's F7, until
     * 2026-12-07); the answer says why and what to do instead. A stopped one is still restarted, once: its failure is
     * what tells the operator (and a {@code job.failed} receiver) that the file is gone.
     */
    private Optional<String> forgottenImport(JobExecution execution) {
        if (!Job.CONTACT_IMPORT.xmlName().equals(execution.getJobName())) {
            return Optional.empty();
        }
        Properties parameters = operator().getParameters(execution.getExecutionId());
        String importId = parameters == null ? null : parameters.getProperty("importId");
        try {
            return importId != null && imports.find(UUID.fromString(importId)).isEmpty()
                    ? Optional.of("the import " + importId
                            + " it ran was forgotten since (consent.import.keep-days), its file with it: upload the"
                            + " file again")
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Restarts the latest execution of the job instance that {@code firstExecution} began, when it failed or stopped;
     * {@code what} names the work in the 409 otherwise (e.g. "the import").
     */
    public long restartLatest(long firstExecution, String what) {
        JobExecution latest = latest(firstExecution)
                .orElseThrow(() -> new ConflictException(what + " is STARTING, not FAILED or STOPPED"));
        if (!RESTARTABLE.contains(latest.getBatchStatus())) {
            throw new ConflictException(what + " is " + latest.getBatchStatus() + ", not FAILED or STOPPED");
        }
        return restart(latest.getExecutionId());
    }

    /** Asks a running execution to stop at its next checkpoint; the ask is audited in the operator's name. */
    public void stop(long executionId) {
        try {
            operator().stop(executionId);
            outcomes.stopAsked(operator().getJobExecution(executionId).getJobName(), executionId);
        } catch (NoSuchJobExecutionException e) {
            throw new NotFoundException("job execution", executionId);
        } catch (JobExecutionNotRunningException e) {
            throw new ConflictException("execution " + executionId + " is not running");
        }
    }

    public Execution execution(long executionId) {
        try {
            return new Execution(
                    operator().getJobExecution(executionId), operator().getStepExecutions(executionId));
        } catch (NoSuchJobExecutionException | JobSecurityException e) {
            throw new NotFoundException("job execution", executionId);
        }
    }

    /** The executions of the latest {@code instances} instances of a job, newest first; none before its first run. */
    public List<Execution> recent(Job job, int instances) {
        JobOperator operator = operator();
        List<Execution> runs = new ArrayList<>();
        if (!everRan(operator, job)) {
            return runs;
        }
        try {
            for (JobInstance instance : operator.getJobInstances(job.xmlName(), 0, instances)) {
                for (JobExecution e : operator.getJobExecutions(instance)) {
                    runs.add(new Execution(e, operator.getStepExecutions(e.getExecutionId())));
                }
            }
        } catch (NoSuchJobException e) {
            return List.of();
        }
        runs.sort(Comparator.comparingLong((Execution r) -> r.job().getExecutionId())
                .reversed());
        return runs;
    }

    /** The latest execution of the job instance that {@code firstExecution} began. */
    public Optional<JobExecution> latest(long firstExecution) {
        JobOperator operator = operator();
        JobInstance instance = operator.getJobInstance(firstExecution);
        if (instance == null) {
            return Optional.empty();
        }
        Optional<JobExecution> latest = latestOf(operator, instance);
        if (latest.isPresent() && latest.get().getBatchStatus() == BatchStatus.FAILED) {
            // a failure the service is mending reads as its restart (UnstartedRuns), not as the end of the work
            unstarted.awaitRestart(latest.get().getExecutionId());
            return latestOf(operator, instance);
        }
        return latest;
    }

    private static Optional<JobExecution> latestOf(JobOperator operator, JobInstance instance) {
        return operator.getJobExecutions(instance).stream().max(Comparator.comparingLong(JobExecution::getExecutionId));
    }

    /** The nightly jobs and their cron expressions; empty when {@code consent.schedule.enabled} is false. */
    public Map<Job, String> nightly() {
        return nightly(ConfigProvider.getConfig());
    }

    static Map<Job, String> nightly(Config config) {
        Map<Job, String> wanted = new LinkedHashMap<>();
        if (!config.getOptionalValue("consent.schedule.enabled", Boolean.class).orElse(true)) {
            return wanted;
        }
        for (Job job : Job.values()) {
            job.defaultSchedule()
                    .ifPresent(cron -> wanted.put(
                            job,
                            config.getOptionalValue("consent.schedule." + job.xmlName(), String.class)
                                    .orElse(cron)));
        }
        return wanted;
    }

    /**
     * The jobs the repository was seen to know. One whose instances were all removed since throws again when asked,
     * which is still caught (one incident file, not one per look).
     */
    private final Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Whether the repository knows the job: asking a job it does not know for its instances or runs throws, and the
     * runtime writes an FFDC incident file for each (four on the console's first look at the jobs of a new server,
     * tester AO's F9, until 2026-12-07). The exception is still caught: a job may be removed between the two reads.
     */
    private boolean everRan(JobOperator operator, Job job) {
        if (known.contains(job.xmlName())) {
            return true;
        }
        // Liberty reads the names from every instance row: asked until the job's first run only, then remembered.
        Set<String> names = operator.getJobNames();
        known.addAll(names);
        return names.contains(job.xmlName());
    }

    private boolean running(Job job) {
        JobOperator operator = operator();
        if (!everRan(operator, job)) {
            return false;
        }
        try {
            return !operator.getRunningExecutions(job.xmlName()).isEmpty();
        } catch (NoSuchJobException e) {
            return false;
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
