package eu.consent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    static final AuditKey KEY = new AuditKey("test-audit-secret-0123456789", 1);

    static List<AuditEntry> chain(int length) {
        return chain(length, KEY);
    }

    static List<AuditEntry> chain(int length, AuditKey key) {
        List<AuditEntry> entries = new ArrayList<>();
        long seq = 0;
        String hash = AuditChain.GENESIS;
        for (int i = 0; i < length; i++) {
            AuditEntry e = new AuditEntry(
                    key,
                    seq,
                    hash,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
                    "admin",
                    "CONTACT_CREATED",
                    "contact",
                    "id-" + i,
                    i % 2 == 0 ? null : "{\"n\":" + i + "}");
            entries.add(e);
            seq = e.seq();
            hash = e.hash();
        }
        return entries;
    }

    @Test
    void anUntouchedChainIsValid() {
        List<AuditEntry> entries = chain(10);
        AuditVerification v = AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS, KEY);
        assertTrue(v.valid());
        assertEquals(10, v.entries());
        assertEquals(entries.get(9).hash(), v.head());
    }

    @Test
    void eachEntryLinksToThePreviousHash() {
        List<AuditEntry> entries = chain(3);
        assertEquals(AuditChain.GENESIS, entries.get(0).prevHash());
        assertEquals(entries.get(0).hash(), entries.get(1).prevHash());
        assertEquals(2, entries.get(1).seq());
    }

    @Test
    void anEditedFieldIsCaughtAtItsEntry() throws Exception {
        for (String field : new String[] {"actor", "action", "subjectId", "details", "occurredAt"}) {
            List<AuditEntry> entries = chain(6);
            set(entries.get(3), field, field.equals("occurredAt") ? Instant.EPOCH : "tampered");
            AuditVerification v = AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS, KEY);
            assertFalse(v.valid(), field);
            assertEquals(4L, v.brokenAt(), field);
            assertEquals(3, v.entries());
        }
    }

    @Test
    void aDeletedEntryIsCaughtWhereItIsMissing() {
        List<AuditEntry> entries = chain(6);
        entries.remove(2);
        AuditVerification v = AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS, KEY);
        assertFalse(v.valid());
        assertEquals(4L, v.brokenAt());
        assertTrue(v.reason().contains("entry 3 is missing"), v.reason());
    }

    @Test
    void aRecomputedHashStillBreaksTheNextLink() throws Exception {
        List<AuditEntry> entries = chain(6);
        AuditEntry forged = entries.get(2);
        set(forged, "actor", "mallory");
        set(forged, "hash", KEY.seal(forged));
        AuditVerification v = AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS, KEY);
        assertFalse(v.valid());
        assertEquals(4L, v.brokenAt());
    }

    @Test
    void aChainRewrittenWithThePlainAlgorithmIsNamedAtItsFirstKeyedEntry() throws Exception {
        List<AuditEntry> entries = chain(6);
        String previous = entries.get(1).hash();
        for (AuditEntry e : entries.subList(2, 6)) {
            set(e, "prevHash", previous);
            set(e, "actor", "mallory");
            set(e, "hash", AuditChain.hash(e));
            previous = e.hash();
        }
        AuditVerification v = AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS, KEY);
        assertFalse(v.valid());
        assertEquals(3L, v.brokenAt());
        assertTrue(v.reason().contains("plain algorithm"), v.reason());
    }

    @Test
    void entriesWrittenBeforeTheCutOverKeepTheirPlainHashes() {
        AuditKey cutOver = new AuditKey("test-audit-secret-0123456789", 4);
        List<AuditEntry> entries = chain(6, cutOver);
        assertEquals(AuditChain.hash(entries.get(2)), entries.get(2).hash(), "entry 3: plain SHA-256");
        assertNotEquals(AuditChain.hash(entries.get(3)), entries.get(3).hash(), "entry 4: keyed");
        assertTrue(AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS, cutOver)
                .valid());
        AuditVerification asIfKeyedFromTheStart = AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS, KEY);
        assertEquals(1L, asIfKeyedFromTheStart.brokenAt());
    }

    @Test
    void anotherSecretBreaksTheChainAtItsFirstKeyedEntry() {
        AuditKey other = new AuditKey("another-secret-0123456789", 1);
        AuditVerification v = AuditChain.verify(chain(3).iterator(), 0, AuditChain.GENESIS, other);
        assertFalse(v.valid());
        assertEquals(1L, v.brokenAt());
    }

    @Test
    void fieldsCannotBeShiftedFromOneToTheNext() throws Exception {
        AuditEntry a = chain(1).get(0);
        String original = AuditChain.hash(a);
        set(a, "actor", "admincontact");
        set(a, "subjectType", "");
        assertNotEquals(original, AuditChain.hash(a), "length prefixes keep field boundaries in the hash");
    }

    static void set(AuditEntry entry, String field, Object value) throws Exception {
        Field f = AuditEntry.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(entry, value);
    }
}
