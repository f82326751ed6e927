package eu.consent.operations;

import eu.consent.audit.AuditLog;
import eu.consent.shared.Jsons;
import eu.consent.shared.Service;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records what is done to batch job runs: an operator's start, restart and stop are audited in their name (a purge
 * started with a short retention erases people: who asked for it, and with which parameters, is part of the proof),
 * and a failed run is audited, which also queues its {@code job.failed} webhook. The nightly schedule's own starts are
 * not audited: its runs are the job history, and its actor would only be the run-as identity.
 */
@Service
public class JobOutcomes {

    @Inject
    AuditLog audit;

    public void failed(String jobName, long executionId, String exitStatus) {
        audit.append(
                "JOB_FAILED",
                "job",
                jobName,
                Jsons.createObjectBuilder()
                        .add("executionId", executionId)
                        .add("exitStatus", exitStatus == null ? "FAILED" : exitStatus)
                        .build()
                        .toString());
    }

    /** An operator started a job with these parameters (names and values: numbers, flags, a source's name). */
    public void started(String jobName, long executionId, Map<String, String> parameters) {
        JsonObjectBuilder given = Jsons.createObjectBuilder();
        new TreeMap<>(parameters).forEach(given::add);
        audit.append(
                "JOB_STARTED",
                "job",
                jobName,
                Jsons.createObjectBuilder()
                        .add("executionId", executionId)
                        .add("parameters", given)
                        .build()
                        .toString());
    }

    /** An operator restarted a failed or stopped execution; {@code executionId} is the new run. */
    public void restarted(String jobName, long executionId, long restartOf) {
        audit.append(
                "JOB_RESTARTED",
                "job",
                jobName,
                restart(executionId, restartOf).build().toString());
    }

    /**
     * The service restarted a run that failed in the batch runtime's bookkeeping, not in its work ({@code reason}: before
     * its first step, or a partition before its work began): audited as an operator's restart is, marked
     * {@code automatic}, so that the job history's FAILED run and its restart are explained in the proof (until
     * 2026-12-06 such a restart left no entry).
     */
    public void restartedAutomatically(String jobName, long executionId, long restartOf, String reason) {
        audit.append(
                "JOB_RESTARTED",
                "job",
                jobName,
                restart(executionId, restartOf)
                        .add("automatic", true)
                        .add("reason", reason)
                        .build()
                        .toString());
    }

    /** What every {@code JOB_RESTARTED} entry says: the new run and the one it restarts. */
    private static JsonObjectBuilder restart(long executionId, long restartOf) {
        return Jsons.createObjectBuilder().add("executionId", executionId).add("restartOf", restartOf);
    }

    /** An operator asked a running execution to stop at its next checkpoint. */
    public void stopAsked(String jobName, long executionId) {
        audit.append(
                "JOB_STOP_REQUESTED",
                "job",
                jobName,
                Jsons.createObjectBuilder()
                        .add("executionId", executionId)
                        .build()
                        .toString());
    }
}
