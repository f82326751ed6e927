package eu.consent.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whose a row kept about an identifier is (a rejected import line, a soft bounce: they carry the keyed hash of an email
 * or phone, not a contact): the row's own time decides. A row dated within a period a contact held the identifier and
 * gave it up ({@code email_release}, {@code [held_since, released_at)}) is that contact's; any other row is its current
 * holder's, or, when nobody holds it now, of those who gave it up. Until 2026-12-06 the identifier alone decided: after
 * an address moved from A to B, B's access export showed A's rejected line and A's bounces, and erasing A left them.
 */
public final class Holdings {

    private Holdings() {}

    /** A period a contact held an identifier and gave it up: {@code [since, until)}. */
    public record Period(String hash, Instant since, Instant until) {}

    /**
     * What of one identifier's rows belongs to a set of people: the rows dated within their own periods, and, when
     * {@code unclaimed}, the rows dated within nobody's period.
     */
    public record Share(String hash, List<Period> own, boolean unclaimed) {}

    /**
     * The shares of a set of people: {@code heldNow} are the identifiers they hold now, {@code gaveUp} the periods they
     * held one and gave it up, {@code heldByOthers} those of these identifiers someone outside the set holds now.
     */
    static List<Share> shares(Collection<String> heldNow, Collection<Period> gaveUp, Set<String> heldByOthers) {
        Set<String> held = new java.util.HashSet<>(heldNow);
        Map<String, List<Period>> own = new LinkedHashMap<>();
        heldNow.forEach(h -> own.putIfAbsent(h, new ArrayList<>()));
        gaveUp.forEach(
                p -> own.computeIfAbsent(p.hash(), h -> new ArrayList<>()).add(p));
        List<Share> shares = new ArrayList<>();
        own.forEach((hash, periods) ->
                shares.add(new Share(hash, List.copyOf(periods), held.contains(hash) || !heldByOthers.contains(hash))));
        return shares;
    }

    /** The identifiers whose rows outside every release period are the set's. */
    static List<String> unclaimed(List<Share> shares) {
        return shares.stream().filter(Share::unclaimed).map(Share::hash).toList();
    }

    /** The periods whose rows are the set's. */
    static List<Period> periods(List<Share> shares) {
        return shares.stream().flatMap(s -> s.own().stream()).toList();
    }

    /**
     * SQL: no release period of anyone holds {@code hashColumn} at {@code time} (both columns of the row in question).
     */
    static String inNobodysPeriod(String hashColumn, String time) {
        return "NOT EXISTS (SELECT 1 FROM email_release r WHERE r.identifier_hash = " + hashColumn
                + " AND r.released_at IS NOT NULL AND r.held_since <= " + time + " AND r.released_at > " + time + ")";
    }
}
