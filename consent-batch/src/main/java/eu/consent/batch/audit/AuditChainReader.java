package eu.consent.batch.audit;

import eu.consent.audit.AuditAnchor;
import eu.consent.audit.AuditChain;
import eu.consent.audit.AuditEntry;
import eu.consent.audit.AuditKeys;
import eu.consent.audit.AuditTrail;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the chain in order and checks each entry against its predecessor (and, for an entry about many contacts, its
 * list against the digest it seals). At the first broken link it ends the step with the exit status
 * {@code BROKEN_AT_<seq>}; the anchor stays at the last good entry.
 */
@Named
@Dependent
public class AuditChainReader extends AbstractItemReader {

    @Inject
    AuditTrail trail;

    @Inject
    JobContext job;

    @Inject
    AuditKeys keys;

    @Inject
    @BatchProperty
    String full;

    @Inject
    @BatchProperty
    String fetchSize;

    private final Deque<AuditEntry> buffer = new ArrayDeque<>();
    private VerifiedLink last;

    @Override
    public void open(Serializable checkpoint) {
        if (checkpoint instanceof VerifiedLink link) {
            last = link;
        } else if (Boolean.parseBoolean(full)) {
            last = new VerifiedLink(0, AuditChain.GENESIS);
        } else {
            AuditAnchor anchor = trail.anchor();
            last = new VerifiedLink(anchor.seq(), anchor.hash());
        }
        // No verdict until the walk reaches the chain's end: a run stopped part-way keeps the runtime's own exit
        // status (STOPPED). Until 2026-12-06 it said VALID from the start, so a run stopped at entry 101 of 9,000 did.
    }

    @Override
    public Object readItem() {
        if (buffer.isEmpty()) {
            buffer.addAll(trail.after(last.seq(), Integer.parseInt(fetchSize)));
        }
        AuditEntry entry = buffer.poll();
        if (entry == null) {
            job.setExitStatus("VALID");
            return null;
        }
        if (AuditChain.problem(entry, last.seq(), last.hash(), keys.current()) != null
                || trail.subjectsProblem(entry) != null) {
            job.setExitStatus("BROKEN_AT_" + (last.seq() + 1));
            buffer.clear();
            return null;
        }
        last = new VerifiedLink(entry.seq(), entry.hash());
        return last;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
