package eu.consent.batch.jobs;

import java.util.Optional;

/** The jobs of consent-batch (their job XML names), whether an operator may start them, and their nightly time. */
public enum Job {
    /** Verifies the audit chain and exports its signed head outside the database. */
    AUDIT_VERIFY("audit-verify", true, "45 3 * * *"),
    RETENTION_PURGE("retention-purge", true, "30 2 * * *"),
    REACTIVATION_FLAG("reactivation-flag", true, "0 3 * * *"),
    PENDING_EXPIRY("pending-expiry", true, "15 1 * * *"),
    SUPPRESSION_RESYNC("suppression-resync", true, "30 1 * * *"),
    /** Started by an upload only: it needs the upload's import id. */
    CONTACT_IMPORT("contact-import", false, null);

    private final String xmlName;
    private final boolean operable;
    private final String defaultSchedule;

    Job(String xmlName, boolean operable, String defaultSchedule) {
        this.xmlName = xmlName;
        this.operable = operable;
        this.defaultSchedule = defaultSchedule;
    }

    /** The name of its job XML, the name the REST API and the job repository use. */
    public String xmlName() {
        return xmlName;
    }

    /** Whether an administrator may start it by name ({@code POST /api/v1/jobs/{name}}). */
    public boolean operable() {
        return operable;
    }

    /** Its nightly time (five-field cron, UTC) unless {@code consent.schedule.<name>} says otherwise; none if empty. */
    public Optional<String> defaultSchedule() {
        return Optional.ofNullable(defaultSchedule);
    }

    /** The job of this job XML name. */
    /** The names of the jobs an operator may start, sorted. */
    public static java.util.SortedSet<String> operableNames() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (Job job : values()) {
            if (job.operable) {
                names.add(job.xmlName);
            }
        }
        return names;
    }

    public static Optional<Job> named(String xmlName) {
        for (Job job : values()) {
            if (job.xmlName.equals(xmlName)) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    /** The job an operator may start under this name. */
    public static Optional<Job> operable(String xmlName) {
        return named(xmlName).filter(Job::operable);
    }
}
