package eu.consent.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who acts in this request when the container does not know them: a user signed in by the application itself (the
 * operators' console keeps its own session, not the container's login). The audit names them, as it names an API
 * caller; without either, the actor is the system.
 */
@RequestScoped
public class SignedIn {

    private String name;

    /** Names the request's user, once they are recognised. */
    public void as(String user) {
        this.name = user;
    }

    /** The request's user, or null. */
    public String name() {
        return name;
    }
}
