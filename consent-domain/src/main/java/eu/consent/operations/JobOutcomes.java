package eu.consent.operations;

import eu.consent.audit.AuditLog;
import eu.consent.shared.Jsons;
import eu.consent.shared.Service;
import jakarta.inject.Inject;

/** Records how batch job runs end; a failed run is audited, which also queues its {@code job.failed} webhook. */
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
}
