package eu.consent.imports;

import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentDerivation;
import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.ConsentState;
import eu.consent.consent.ConsentWithdrawn;
import eu.consent.consent.PersonsOwnAct;
import eu.consent.contact.Contact;
import eu.consent.contact.IdentifiersInText;
import eu.consent.purpose.IdentifierKind;
import eu.consent.shared.Jsons;
import eu.consent.suppression.Suppression;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Decides each valid row of a chunk against what the chunk loaded, with the rule objects the API path uses:
 * {@link PersonsOwnAct} (who may re-open or lift what the person closed), {@link ConsentDerivation} (the order of
 * events and the person's own opt-out), {@link Suppression#covers} (an entry's scope), {@link Contact#movesLastAct}
 * (the retention clock) and {@link ConsentEvent} (the events themselves). Free of I/O: the rows' effects go into the
 * {@link ChunkState} for {@link ChunkStatements} to write.
 */
final class ImportRules {

    static final int MAX_ATTRIBUTES = 8000;

    private final ChunkState chunk;
    private final ImportCatalog catalog;
    private final Instant now;

    ImportRules(ChunkState chunk, ImportCatalog catalog, Instant now) {
        this.chunk = chunk;
        this.catalog = catalog;
        this.now = now;
    }

    /** Applies one valid row: the contact it creates or updates, and its consent event, or why it writes nothing. */
    RowOutcome apply(Item.Row row) {
        HeldContact byMail = row.email() == null ? null : chunk.byEmail.get(row.email());
        HeldContact byTel = row.phone() == null ? null : chunk.byPhone.get(row.phone());
        if (byMail != null && byTel != null && byMail != byTel) {
            return reject(row, RejectReason.IDENTIFIER_CONFLICT, "the email and the phone belong to two contacts");
        }
        HeldContact held = byMail != null ? byMail : byTel;
        if (held != null) {
            if (row.email() != null && held.email != null && !row.email().equals(held.email)) {
                return reject(row, RejectReason.IDENTIFIER_CONFLICT, "the contact with this phone has another email");
            }
            if (row.phone() != null && held.phone != null && !row.phone().equals(held.phone)) {
                return reject(row, RejectReason.IDENTIFIER_CONFLICT, "the contact with this email has another phone");
            }
        } else {
            List<String> missing = new ArrayList<>();
            if (row.locale() == null) {
                missing.add(ImportField.LOCALE);
            }
            if (row.country() == null) {
                missing.add(ImportField.COUNTRY);
            }
            if (row.audience() == null) {
                missing.add(ImportField.AUDIENCE);
            }
            if (row.customer() == null) {
                missing.add(ImportField.CUSTOMER);
            }
            if (!missing.isEmpty()) {
                return reject(
                        row,
                        RejectReason.INVALID,
                        String.join(", ", missing) + ": required for a new contact (a column or a default)");
            }
        }
        String emailHash = row.email() != null ? chunk.hashOf(row.email()) : held == null ? null : held.emailHash;
        String phoneHash = row.phone() != null ? chunk.hashOf(row.phone()) : held == null ? null : held.phoneHash;
        // A person erased after opting out may come back (as a customer, say), as through the API: the contact is
        // created, and the ERASED mark on their identifiers keeps blocking prospecting (and refusing an imported
        // consent, below) until their own new opt-in.
        Item.Consent consent = row.consent();
        if (consent != null && consent.action() == ConsentAction.GRANT && !importedBefore(held, consent)) {
            RowOutcome refused = refusedGrant(row, consent, held, emailHash, phoneHash);
            if (refused != null) {
                return refused;
            }
        }
        boolean created = held == null;
        Map<String, String> givenAttributes = new TreeMap<>(row.attributes());
        if (!created) {
            givenAttributes.keySet().removeIf(k -> row.isDefault(ImportField.ATTRIBUTE_PREFIX + k));
        }
        String attributes = givenAttributes.isEmpty()
                ? null
                : mergeAttributes(held == null ? null : held.attributes, givenAttributes);
        if (attributes != null && attributes.length() > MAX_ATTRIBUTES) {
            return reject(row, RejectReason.INVALID, "attributes: more than " + MAX_ATTRIBUTES + " characters of JSON");
        }
        if (created) {
            held = new HeldContact();
            held.id = UUID.randomUUID().toString();
            held.isNew = true;
            chunk.byId.put(held.id, held);
        }
        merge(held, row, emailHash, phoneHash, attributes, created);
        if (consent != null) {
            record(held, consent);
        }
        return created ? new RowOutcome.Created(held) : new RowOutcome.Updated(held);
    }

    /**
     * Why an imported GRANT cannot be recorded, or null: the rules by which only the person lifts their own opt-out
     * (an import is never the person's act, and lifts nothing on the list).
     */
    private RowOutcome refusedGrant(
            Item.Row row, Item.Consent consent, HeldContact held, String emailHash, String phoneHash) {
        // The entries on the identifier the channel reaches; on push, which reaches none, the ERASED mark an erasure
        // left under the person's address and number (Channel#markedThrough).
        List<String> reaching = new ArrayList<>(2);
        if (consent.channel().markedThrough().contains(IdentifierKind.EMAIL) && emailHash != null) {
            reaching.add(emailHash);
        }
        if (consent.channel().markedThrough().contains(IdentifierKind.PHONE) && phoneHash != null) {
            reaching.add(phoneHash);
        }
        if (reaching.stream()
                .flatMap(h -> chunk.blocks.getOrDefault(h, List.of()).stream())
                .anyMatch(b -> b.channel() == consent.channel()
                        && Suppression.covers(b.purposeKey(), consent.purposeKey())
                        && !PersonsOwnAct.lifts(ConsentSource.IMPORT, consent.proof(), b.reason()))) {
            return reject(
                    row,
                    RejectReason.SUPPRESSED,
                    "the " + consent.channel() + " identifier is on the suppression list");
        }
        if (held == null) {
            return null;
        }
        ChunkState.Key key = new ChunkState.Key(held.id, consent.purposeKey(), consent.channel());
        List<ConsentDerivation.Fact> facts = chunk.facts.getOrDefault(key, List.of());
        Instant withdrawn = lastWithdrawal(facts);
        // The same instant counts as later, as the fold reads a tie (an opt-out counts after a grant of its instant):
        // such a line would change nothing, and is said so rather than kept.
        if (withdrawn != null && !withdrawn.isBefore(consent.occurredAt())) {
            return reject(
                    row,
                    RejectReason.WITHDRAWN_LATER,
                    "the person withdrew on " + withdrawn + ", not before this consent");
        }
        // "Unsubscribe from everything" closed every prospecting pair, those that came after it on push too (the
        // ledger records the objection there; an import, never the person's act, is refused as on a closed pair).
        if (PersonsOwnAct.closedByLeavingEverything(
                held.leftEverythingAt,
                catalog.purposes().get(consent.purposeKey()).prospecting(),
                consent.channel(),
                !facts.isEmpty())) {
            return reject(
                    row,
                    RejectReason.OPTED_OUT,
                    "the person left all prospecting on " + consent.channel() + " on " + held.leftEverythingAt
                            + "; only their own new consent re-opens " + consent.purposeKey() + " there");
        }
        if (ConsentDerivation.closedByThePerson(facts)) {
            return reject(
                    row,
                    RejectReason.OPTED_OUT,
                    "the person opted out of " + consent.purposeKey() + " on " + consent.channel()
                            + "; only their own new consent re-opens it");
        }
        return null;
    }

    /**
     * Sets what the row gives. Values from the upload's defaults only fill a contact the row creates: a default meant
     * for new people ({@code default.customer=false}) never changes someone already known.
     */
    private void merge(
            HeldContact h, Item.Row row, String emailHash, String phoneHash, String attributes, boolean created) {
        if (row.email() != null && h.email == null) {
            h.givingIdentifier();
            h.email = row.email();
            h.emailHash = emailHash;
            chunk.byEmail.put(h.email, h);
            h.changed = true;
        }
        if (row.phone() != null && h.phone == null) {
            h.givingIdentifier();
            h.phone = row.phone();
            h.phoneHash = phoneHash;
            chunk.byPhone.put(h.phone, h);
            h.changed = true;
        }
        h.locale = changed(h, h.locale, given(row, ImportField.LOCALE, row.locale(), created));
        h.country = changed(h, h.country, given(row, ImportField.COUNTRY, row.country(), created));
        String audience = row.audience() == null ? null : row.audience().name();
        h.audience = changed(h, h.audience, given(row, ImportField.AUDIENCE, audience, created));
        h.customer = changed(h, h.customer, given(row, ImportField.CUSTOMER, row.customer(), created));
        h.externalId = changed(h, h.externalId, given(row, ImportField.EXTERNAL_ID, row.externalId(), created));
        if (attributes != null) {
            h.attributes = changed(h, h.attributes, attributes);
        }
        // A client's clock running ahead (within the skew accepted) never puts the retention clock in the future.
        Instant lastActive = given(row, ImportField.LAST_ACTIVE_AT, row.lastActiveAt(), created);
        movesLastAct(h, lastActive != null && lastActive.isAfter(now) ? now : lastActive);
    }

    private static <T> T given(Item.Row row, String field, T value, boolean created) {
        return created || !row.isDefault(field) ? value : null;
    }

    private static <T> T changed(HeldContact h, T current, T given) {
        if (given == null || given.equals(current)) {
            return current;
        }
        h.changed = true;
        return given;
    }

    private static void movesLastAct(HeldContact h, Instant act) {
        if (Contact.movesLastAct(h.lastActiveAt, act)) {
            h.lastActiveAt = act;
            h.changed = true;
        }
    }

    private boolean importedBefore(HeldContact held, Item.Consent consent) {
        return held != null && chunk.importedEvidence.contains(evidence(held, consent));
    }

    private void record(HeldContact h, Item.Consent consent) {
        if (!chunk.importedEvidence.add(evidence(h, consent))) {
            return; // this very evidence was imported before: a re-import changes nothing
        }
        boolean doubleOptIn = catalog.purposes().get(consent.purposeKey()).doubleOptIn();
        add(h, consent, consent.action(), doubleOptIn, consent.occurredAt());
        // The confirmation is kept on a purpose without double opt-in too, where it changes no state: it is the date
        // the retention clock takes below, which the history must show (tester BF's F2: until 2026-12-07 it moved
        // lastActiveAt with no trace of it anywhere).
        if (consent.action() == ConsentAction.GRANT && consent.confirmedAt() != null) {
            add(h, consent, ConsentAction.CONFIRM, false, consent.confirmedAt());
        }
        // Evidence of the person's own consent (a form, a call, paper, with proof) dates their last act: the retention
        // clock follows the evidence's dates, never the import's own time.
        if (consent.action() == ConsentAction.GRANT && PersonsOwnAct.is(consent.origin(), consent.proof())) {
            Instant act = consent.confirmedAt() != null && consent.confirmedAt().isAfter(consent.occurredAt())
                    ? consent.confirmedAt()
                    : consent.occurredAt();
            movesLastAct(h, act.isAfter(now) ? now : act);
        }
    }

    /** Adds an event of the row, built as the ledger builds every event, and its fact as the ledger derives it. */
    private void add(
            HeldContact h, Item.Consent consent, ConsentAction action, boolean needsConfirmation, Instant occurredAt) {
        ConsentEvent event = ConsentEvent.imported(
                UUID.fromString(h.id),
                consent.purposeKey(),
                consent.channel(),
                action,
                consent.noticeId(),
                needsConfirmation,
                consent.proof(),
                consent.origin(),
                occurredAt,
                now,
                ++h.arrival);
        chunk.events.add(event);
        ChunkState.Key key = new ChunkState.Key(h.id, consent.purposeKey(), consent.channel());
        List<ConsentDerivation.Fact> facts = chunk.facts.computeIfAbsent(key, k -> new ArrayList<>());
        // Only a withdrawal or an objection can be an opt-out: the pair is folded before and after it, no other row's.
        boolean optingOut = action == ConsentAction.WITHDRAW || action == ConsentAction.OBJECT;
        ConsentState before = optingOut ? stateOf(facts) : null;
        facts.add(ConsentDerivation.Fact.of(event));
        if (optingOut && ConsentWithdrawn.tookEffect(action, before, stateOf(facts))) {
            chunk.optOuts.add(event);
        }
        chunk.touched.add(key);
    }

    /** The state a pair's events leave it in, as the ledger derives it (NONE: no state). */
    private static ConsentState stateOf(List<ConsentDerivation.Fact> facts) {
        ConsentDerivation.Outcome outcome = ConsentDerivation.derive(facts);
        return outcome == null ? ConsentState.NONE : outcome.state();
    }

    private static String evidence(HeldContact h, Item.Consent consent) {
        return ChunkState.evidence(
                h.id, consent.purposeKey(), consent.channel(), consent.action(), consent.occurredAt());
    }

    private static Instant lastWithdrawal(List<ConsentDerivation.Fact> facts) {
        Instant last = null;
        for (ConsentDerivation.Fact f : facts) {
            if ((f.action() == ConsentAction.WITHDRAW || f.action() == ConsentAction.OBJECT)
                    && !f.pendingExpiry()
                    && (last == null || f.occurredAt().isAfter(last))) {
                last = f.occurredAt();
            }
        }
        return last;
    }

    /**
     * A row the rules refuse, kept as every rejected line is: the row's own email and phone (recorded by keyed hash, so
     * that an erasure finds the line) kept, any other address or number in it masked. Until 2026-12-07 a row refused
     * here (a new contact without its audience, say) was kept as sent, and an address it held elsewhere outlived that
     * person's erasure (tester AR's F6).
     */
    private static RowOutcome reject(Item.Row row, RejectReason reason, String detail) {
        // A row whose email and phone name two people (or a person and another's number) shows neither: both are
        // masked, and the row stays filed under both by their hashes, so either one's erasure deletes it (review 46).
        // Until 2026-12-07 it was kept whole, and each person's access export handed them the other's address or
        // number (tester BE's F10).
        boolean twoPeople = reason == RejectReason.IDENTIFIER_CONFLICT;
        IdentifiersInText.Kept kept = IdentifiersInText.keeping(
                row.text(), twoPeople ? null : row.email(), twoPeople ? null : row.phone(), row.country());
        return new RowOutcome.Rejected(new Item.Rejected(
                row.line(),
                kept.text(),
                row.end(),
                reason,
                IdentifiersInText.masked(detail),
                twoPeople ? row.email() : kept.email(),
                twoPeople ? row.phone() : kept.phone()));
    }

    /** The contact's attributes with the row's set over them (as strings); the JSON text is kept in key order. */
    static String mergeAttributes(String currentJson, Map<String, String> given) {
        JsonObjectBuilder merged = Jsons.createObjectBuilder();
        JsonObject current = currentJson == null
                ? JsonValue.EMPTY_JSON_OBJECT
                : Jsons.createReader(new StringReader(currentJson)).readObject();
        current.forEach((k, v) -> {
            if (!given.containsKey(k)) {
                merged.add(k, v);
            }
        });
        boolean same = true;
        for (Map.Entry<String, String> e : given.entrySet()) {
            JsonValue old = current.get(e.getKey());
            same &= old instanceof JsonString s && s.getString().equals(e.getValue());
        }
        if (same) {
            return currentJson;
        }
        Map<String, JsonValue> ordered = new TreeMap<>(merged.build());
        given.forEach((k, v) -> ordered.put(k, Jsons.createValue(v)));
        JsonObjectBuilder out = Jsons.createObjectBuilder();
        ordered.forEach(out::add);
        return out.build().toString();
    }
}
