package eu.consent.shared;

import java.util.UUID;
import java.util.regex.Pattern;

/** The thing named by the caller does not exist (or no longer does, e.g. after an erasure). */
public final class NotFoundException extends DomainException {

    /** A name the detail may repeat: a key or a name of ours, with a letter, and nothing an address or number holds. */
    private static final Pattern REPEATABLE = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9._-]{1,64}");

    public NotFoundException(String what, Object id) {
        super(repeatable(id) ? what + " " + id + " was not found" : "no " + what + " has the name given");
    }

    /** Not found here, with why: {@code detail} says where the thing is reached instead. */
    public NotFoundException(String detail) {
        super(detail);
    }

    /**
     * Whether the detail may repeat what the caller named: an id, or a key of ours; not whatever a careless client put
     * where it goes — an email address, a phone number —, which the problem would copy into its logs (tester BC's F2:
     * until 2026-12-07 a suppression's, a purpose's, a notice's, a source's or a job's 404 quoted the segment whole).
     */
    static boolean repeatable(Object id) {
        return id instanceof UUID
                || id instanceof Number
                || (id instanceof String s && REPEATABLE.matcher(s).matches());
    }
}
