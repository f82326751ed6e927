package eu.consent.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContactTest {

    private final Contact contact = new Contact(
            new ContactDetails("a@b.fr", null, null, "fr", "FR", Audience.B2C, false, null, null),
            new eu.consent.shared.KeyedHash("test-secret-0123456789"),
            Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void anOpenIsNoSignOfLife() {
        assertFalse(contact.recordActivity(ActivityType.OPEN, Instant.parse("2026-02-01T00:00:00Z")));
        assertNull(contact.lastActiveAt());
    }

    @Test
    void activeTypesMoveLastActiveAtForwardNeverBackward() {
        for (ActivityType type : ActivityType.values()) {
            assertEquals(type != ActivityType.OPEN, type.isActive());
        }
        assertTrue(contact.recordActivity(ActivityType.CLICK, Instant.parse("2026-03-01T00:00:00Z")));
        assertFalse(contact.recordActivity(ActivityType.PURCHASE, Instant.parse("2026-02-01T00:00:00Z")));
        assertFalse(contact.recordActivity(ActivityType.PURCHASE, Instant.parse("2026-03-01T00:00:00Z")));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), contact.lastActiveAt());
        assertTrue(contact.recordActivity(ActivityType.LOGIN, Instant.parse("2026-04-01T00:00:00Z")));
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), contact.lastActiveAt());
    }

    @Test
    void equalityIsIdentity() {
        Contact twin = new Contact(
                new ContactDetails("a@b.fr", null, null, "fr", "FR", Audience.B2C, false, null, null),
                new eu.consent.shared.KeyedHash("test-secret-0123456789"),
                Instant.parse("2026-01-01T00:00:00Z"));
        assertFalse(contact.equals(twin));
        assertEquals(contact, contact);
    }
}
