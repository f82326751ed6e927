package eu.consent.batch.audit;

import eu.consent.audit.AuditAnchor;
import eu.consent.audit.AuditHeadExport;
import eu.consent.audit.AuditTrail;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Exports the head the verification just reached (the anchor), signed, outside the database. Only a chain found
 * valid is exported: exporting a broken one would bless the break.
 */
@Named
@Dependent
public class HeadExportBatchlet extends AbstractBatchlet {

    @Inject
    AuditTrail trail;

    @Inject
    AuditHeadExport export;

    @Inject
    JobContext job;

    @Override
    public String process() {
        if (!"VALID".equals(job.getExitStatus())) {
            return "NOT_EXPORTED";
        }
        AuditAnchor anchor = trail.anchor();
        if (anchor.seq() == 0) {
            return "NOTHING_TO_EXPORT";
        }
        export.export(anchor.seq(), anchor.hash());
        return "EXPORTED";
    }
}
