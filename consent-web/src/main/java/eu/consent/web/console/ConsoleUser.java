package eu.consent.web.console;

/** Who is signed in to the console and what their role lets them see and do. */
public record ConsoleUser(String name, Role role) {

    /** The console's roles, strongest first: a user with several gets the strongest. */
    public enum Role {
        /** Everything, changes included. */
        ADMIN("admin"),
        /** Reads everything, personal data included; changes nothing. */
        AUDITOR("auditor"),
        /** The dashboard and the statistics; no personal data. */
        CAMPAIGN("campaign");

        /** The role's name in the application's security roles. */
        public final String securityRole;

        Role(String securityRole) {
            this.securityRole = securityRole;
        }
    }

    public boolean mayChange() {
        return role == Role.ADMIN;
    }

    /** Whether personal data (a person's story, comments people typed) may be shown. */
    public boolean seesPersonalData() {
        return role == Role.ADMIN || role == Role.AUDITOR;
    }
}
