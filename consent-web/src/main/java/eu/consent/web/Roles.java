package eu.consent.web;

/** The four roles of the API; server.xml maps users or groups of the registry onto them. */
public final class Roles {

    /** Everything. */
    public static final String ADMIN = "admin";
    /** Contacts, consents, activities, ESP events. */
    public static final String INTEGRATION = "integration";
    /** Decisions, unsubscribe links, reading purposes. */
    public static final String CAMPAIGN = "campaign";
    /** Read-only: contacts, consents, audit, exports, statistics. */
    public static final String AUDITOR = "auditor";

    private Roles() {}
}
