package eu.consent.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentDerivation;
import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.Proof;
import eu.consent.contact.Audience;
import eu.consent.purpose.Channel;
import eu.consent.suppression.SuppressionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The import's rules on one chunk, free of I/O: what the loader would have found is set on the chunk by hand. */
class ImportRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final ImportCatalog CATALOG = new ImportCatalog(
            Map.of(
                    "news", new ImportCatalog.PurposeRules(Set.of(Channel.EMAIL), false, true),
                    "doi", new ImportCatalog.PurposeRules(Set.of(Channel.EMAIL), true, true),
                    "app", new ImportCatalog.PurposeRules(Set.of(Channel.EMAIL, Channel.PUSH), false, true)),
            Map.of());
    private static final Proof FORM = new Proof("203.0.113.9", null, null, null, null);

    private final ChunkState chunk = new ChunkState(identifier -> "hash:" + identifier);
    private final ImportRules rules = new ImportRules(chunk, CATALOG, NOW);
    private long line = 1;

    private Item.Row row(String email, Item.Consent consent) {
        line++;
        return new Item.Row(
                line,
                "text",
                line * 10,
                email,
                null,
                "FR",
                "fr",
                Audience.B2C,
                false,
                null,
                Map.of(),
                consent,
                null,
                Set.of());
    }

    private static Item.Consent consent(String purpose, ConsentAction action, Instant at, Instant confirmedAt) {
        return new Item.Consent(
                purpose, Channel.EMAIL, action, ConsentSource.WEB_FORM, UUID.randomUUID(), at, confirmedAt, FORM);
    }

    private HeldContact known(String email) {
        HeldContact h = new HeldContact();
        h.id = UUID.randomUUID().toString();
        h.email = email;
        h.emailHash = "hash:" + email;
        h.locale = "fr";
        h.country = "FR";
        h.audience = "B2C";
        h.customer = false;
        chunk.hold(h);
        return h;
    }

    private static RejectReason reason(RowOutcome outcome) {
        return assertInstanceOf(RowOutcome.Rejected.class, outcome).reject().reason();
    }

    @Test
    void aGrantToAnIdentifierBlockedForItsPurposeOrAllPurposesIsRefusedOthersAreNot() {
        chunk.blocks.put("hash:a@example.com", new ArrayList<>());
        chunk.blocks
                .get("hash:a@example.com")
                .add(new ChunkState.Block(Channel.EMAIL, null, SuppressionReason.UNSUBSCRIBED));
        chunk.blocks.put("hash:b@example.com", new ArrayList<>());
        chunk.blocks
                .get("hash:b@example.com")
                .add(new ChunkState.Block(Channel.EMAIL, "doi", SuppressionReason.ERASED));
        Instant at = NOW.minus(Duration.ofDays(1));

        assertEquals(
                RejectReason.SUPPRESSED,
                reason(rules.apply(row("a@example.com", consent("news", ConsentAction.GRANT, at, null)))));
        // Another purpose's block does not cover this one; an erased person comes back as a contact.
        assertInstanceOf(
                RowOutcome.Created.class,
                rules.apply(row("b@example.com", consent("news", ConsentAction.GRANT, at, null))));
        // A withdrawal is never refused by a block.
        assertInstanceOf(
                RowOutcome.Created.class,
                rules.apply(row("a@example.com", consent("news", ConsentAction.WITHDRAW, at, null))));
    }

    /**
     * Push reaches the person through no identifier; an erasure of someone who had opted out keeps its mark under their
     * address (and number): a row granting push for them when they come back is refused as on any other channel.
     */
    @Test
    void aGrantOnPushIsRefusedByTheErasedMarkKeptUnderTheAddress() {
        chunk.blocks.put("hash:p@example.com", new ArrayList<>());
        chunk.blocks.get("hash:p@example.com").add(new ChunkState.Block(Channel.PUSH, null, SuppressionReason.ERASED));
        chunk.blocks.put("hash:q@example.com", new ArrayList<>());
        chunk.blocks.get("hash:q@example.com").add(new ChunkState.Block(Channel.EMAIL, null, SuppressionReason.ERASED));
        Instant at = NOW.minus(Duration.ofDays(1));
        java.util.function.Supplier<Item.Consent> push = () -> new Item.Consent(
                "app", Channel.PUSH, ConsentAction.GRANT, ConsentSource.WEB_FORM, UUID.randomUUID(), at, null, FORM);

        assertEquals(RejectReason.SUPPRESSED, reason(rules.apply(row("p@example.com", push.get()))));
        // The mark of another channel is that channel's.
        assertInstanceOf(RowOutcome.Created.class, rules.apply(row("q@example.com", push.get())));
    }

    @Test
    void aGrantNotBeforeThePersonsWithdrawalOrAfterTheirOwnOptOutIsRefused() {
        HeldContact h = known("c@example.com");
        Instant withdrawnAt = NOW.minus(Duration.ofDays(10));
        ChunkState.Key key = new ChunkState.Key(h.id, "news", Channel.EMAIL);
        chunk.facts.put(key, new ArrayList<>());
        chunk.facts
                .get(key)
                .add(new ConsentDerivation.Fact(
                        UUID.randomUUID(), ConsentAction.WITHDRAW, false, withdrawnAt, 1, withdrawnAt, true));

        assertEquals(
                RejectReason.WITHDRAWN_LATER,
                reason(rules.apply(row("c@example.com", consent("news", ConsentAction.GRANT, withdrawnAt, null)))));
        assertEquals(
                RejectReason.OPTED_OUT,
                reason(rules.apply(row(
                        "c@example.com", consent("news", ConsentAction.GRANT, withdrawnAt.plusSeconds(60), null)))));
        assertTrue(chunk.events.isEmpty(), "a refused row records nothing");
    }

    /**
     * Only a WITHDRAW or OBJECT that changes the state is an opt-out, as through the API: within one chunk, against the
     * pair's events already held, and not one dated before the person's own grant, which stands. (A grant an import
     * records is never the person's own: a withdrawal dated before it still closes the pair, and is an opt-out.)
     */
    @Test
    void onlyAWithdrawalOrObjectionThatChangesTheStateIsAnOptOut() {
        HeldContact h = known("o@example.com");
        ChunkState.Key key = new ChunkState.Key(h.id, "news", Channel.EMAIL);
        Instant withdrawnAt = NOW.minus(Duration.ofDays(10));
        chunk.facts.put(key, new ArrayList<>());
        chunk.facts
                .get(key)
                .add(new ConsentDerivation.Fact(
                        UUID.randomUUID(), ConsentAction.WITHDRAW, false, withdrawnAt, 1, withdrawnAt, true));

        rules.apply(row("o@example.com", consent("news", ConsentAction.WITHDRAW, NOW.minus(Duration.ofDays(5)), null)));
        assertTrue(chunk.optOuts.isEmpty(), "a withdrawal repeated on a pair already withdrawn");
        rules.apply(row("o@example.com", consent("news", ConsentAction.OBJECT, NOW.minus(Duration.ofDays(4)), null)));
        rules.apply(row("o@example.com", consent("news", ConsentAction.OBJECT, NOW.minus(Duration.ofDays(3)), null)));
        assertEquals(1, chunk.optOuts.size(), "the objection changed the state once");
        assertEquals(ConsentAction.OBJECT, chunk.optOuts.get(0).action());

        HeldContact n = known("n@example.com");
        ChunkState.Key granted = new ChunkState.Key(n.id, "news", Channel.EMAIL);
        Instant grantedAt = NOW.minus(Duration.ofDays(1));
        chunk.facts.put(granted, new ArrayList<>());
        chunk.facts
                .get(granted)
                .add(new ConsentDerivation.Fact(UUID.randomUUID(), ConsentAction.GRANT, false, grantedAt, 1));
        rules.apply(row("n@example.com", consent("news", ConsentAction.WITHDRAW, NOW.minus(Duration.ofDays(2)), null)));
        assertEquals(1, chunk.optOuts.size(), "a withdrawal dated before the person's grant changes nothing");
        rules.apply(
                row("n@example.com", consent("news", ConsentAction.WITHDRAW, NOW.minus(Duration.ofHours(1)), null)));
        assertEquals(2, chunk.optOuts.size(), "one after it does");
        assertEquals(5, chunk.events.size(), "every row is recorded as evidence all the same");
    }

    /** The expiry of a double opt-in is nobody's withdrawal: consent evidence from before or after it is recorded. */
    @Test
    void anExpiredDoubleOptInRefusesNoImportedGrant() {
        HeldContact h = known("x@example.com");
        Instant asked = NOW.minus(Duration.ofDays(20));
        Instant expired = NOW.minus(Duration.ofDays(10));
        ChunkState.Key key = new ChunkState.Key(h.id, "news", Channel.EMAIL);
        chunk.facts.put(key, new ArrayList<>());
        chunk.facts
                .get(key)
                .add(new ConsentDerivation.Fact(UUID.randomUUID(), ConsentAction.GRANT, true, asked, 1, asked, true));
        chunk.facts
                .get(key)
                .add(ConsentDerivation.Fact.of(
                        UUID.randomUUID(),
                        ConsentAction.WITHDRAW,
                        false,
                        expired,
                        2,
                        expired,
                        ConsentSource.ADMIN,
                        new eu.consent.consent.Proof(null, null, null, ConsentEvent.PENDING_EXPIRY, null)));
        assertEquals(
                "NONE", ConsentDerivation.derive(chunk.facts.get(key)).state().name());

        assertInstanceOf(
                RowOutcome.Updated.class,
                rules.apply(
                        row("x@example.com", consent("news", ConsentAction.GRANT, expired.minusSeconds(60), null))));
        assertInstanceOf(
                RowOutcome.Updated.class,
                rules.apply(row("x@example.com", consent("news", ConsentAction.GRANT, expired.plusSeconds(60), null))));
        assertEquals(
                "GRANTED",
                ConsentDerivation.derive(chunk.facts.get(key)).state().name());
    }

    @Test
    void aDoubleOptInGrantWithItsConfirmationWritesBothEventsAndMovesTheRetentionClockToTheConfirmation() {
        Instant at = NOW.minus(Duration.ofDays(30));
        Instant confirmed = at.plusSeconds(300);

        RowOutcome outcome = rules.apply(row("d@example.com", consent("doi", ConsentAction.GRANT, at, confirmed)));

        HeldContact h = assertInstanceOf(RowOutcome.Created.class, outcome).contact();
        assertEquals(confirmed, h.lastActiveAt);
        assertEquals(2, chunk.events.size());
        ConsentEvent grant = chunk.events.get(0);
        ConsentEvent confirm = chunk.events.get(1);
        assertEquals(ConsentSource.IMPORT, grant.source());
        assertEquals(ConsentSource.WEB_FORM, grant.origin());
        assertTrue(grant.needsConfirmation());
        assertEquals(ConsentAction.CONFIRM, confirm.action());
        assertEquals(2, confirm.arrival());
        ChunkState.Key key = new ChunkState.Key(h.id, "doi", Channel.EMAIL);
        assertEquals(
                "GRANTED",
                ConsentDerivation.derive(chunk.facts.get(key)).state().name());
    }

    @Test
    void theSameEvidenceTwiceIsRecordedOnceAndAWithdrawalNeverAsksForConfirmation() {
        HeldContact h = known("e@example.com");
        Item.Consent withdrawal = consent("doi", ConsentAction.WITHDRAW, NOW.minus(Duration.ofDays(2)), null);

        assertInstanceOf(RowOutcome.Updated.class, rules.apply(row("e@example.com", withdrawal)));
        assertInstanceOf(RowOutcome.Updated.class, rules.apply(row("e@example.com", withdrawal)));

        assertEquals(1, chunk.events.size());
        assertFalse(chunk.events.get(0).needsConfirmation());
        assertFalse(h.changed, "nothing of the contact changed");
    }

    /** The chunk's audit entry lists whom it wrote: created, changed or given consent; not one merely matched. */
    @Test
    void theChunkWroteThePeopleItCreatedChangedOrGaveConsentNotThoseItOnlyMatched() {
        HeldContact unchanged = known("same@example.com");
        HeldContact moved = known("moved@example.com");
        moved.locale = "de";
        HeldContact consenting = known("consent@example.com");
        HeldContact rejected = known("rejected@example.com");
        chunk.blocks.put("hash:rejected@example.com", new ArrayList<>());
        chunk.blocks
                .get("hash:rejected@example.com")
                .add(new ChunkState.Block(Channel.EMAIL, null, SuppressionReason.UNSUBSCRIBED));
        Instant at = NOW.minus(Duration.ofDays(1));

        assertInstanceOf(RowOutcome.Updated.class, rules.apply(row("same@example.com", null)));
        assertInstanceOf(RowOutcome.Updated.class, rules.apply(row("moved@example.com", null)));
        assertInstanceOf(
                RowOutcome.Updated.class,
                rules.apply(row("consent@example.com", consent("news", ConsentAction.GRANT, at, null))));
        assertEquals(
                RejectReason.SUPPRESSED,
                reason(rules.apply(row("rejected@example.com", consent("news", ConsentAction.GRANT, at, null)))));
        RowOutcome created = rules.apply(row("new@example.com", null));

        String createdId = assertInstanceOf(RowOutcome.Created.class, created).contact().id;
        assertEquals(java.util.List.of(moved.id, createdId, consenting.id), sorted(chunk.written(), moved, consenting));
        assertFalse(chunk.written().contains(unchanged.id));
        assertFalse(chunk.written().contains(rejected.id));
    }

    /** The list in a fixed order for the comparison: the moved contact, the created one, the consenting one. */
    private static java.util.List<String> sorted(
            java.util.List<String> written, HeldContact moved, HeldContact consenting) {
        java.util.List<String> order = new ArrayList<>(written);
        order.sort(java.util.Comparator.comparingInt(id -> id.equals(moved.id) ? 0 : id.equals(consenting.id) ? 2 : 1));
        return order;
    }

    @Test
    void aNewContactWithoutItsRequiredFieldsIsInvalidAndNamesThem() {
        Item.Row bare = new Item.Row(
                2, "text", 20, "f@example.com", null, null, null, null, null, null, Map.of(), null, null, Set.of());

        Item.Rejected reject =
                assertInstanceOf(RowOutcome.Rejected.class, rules.apply(bare)).reject();

        assertEquals(RejectReason.INVALID, reject.reason());
        assertEquals(
                "locale, country, audience, customer: required for a new contact (a column or a default)",
                reject.detail());
    }
}
