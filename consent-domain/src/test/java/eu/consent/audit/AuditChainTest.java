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

    static List<AuditEntry> chain(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        long seq = 0;
        String hash = AuditChain.GENESIS;
        for (int i = 0; i < length; i++) {
            AuditEntry e = new AuditEntry(
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
        AuditVerification v = AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS);
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
            AuditVerification v = AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS);
            assertFalse(v.valid(), field);
            assertEquals(4L, v.brokenAt(), field);
            assertEquals(3, v.entries());
        }
    }

    @Test
    void aDeletedEntryIsCaughtWhereItIsMissing() {
        List<AuditEntry> entries = chain(6);
        entries.remove(2);
        AuditVerification v = AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS);
        assertFalse(v.valid());
        assertEquals(4L, v.brokenAt());
        assertTrue(v.reason().contains("entry 3 is missing"), v.reason());
    }

    @Test
    void aRecomputedHashStillBreaksTheNextLink() throws Exception {
        List<AuditEntry> entries = chain(6);
        AuditEntry forged = entries.get(2);
        set(forged, "actor", "mallory");
        set(forged, "hash", AuditChain.hash(forged));
        AuditVerification v = AuditChain.verify(entries.iterator(), 0, AuditChain.GENESIS);
        assertFalse(v.valid());
        assertEquals(4L, v.brokenAt());
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
