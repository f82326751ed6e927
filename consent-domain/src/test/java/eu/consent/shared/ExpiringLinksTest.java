package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one shape of expiring signed links: what they name, when they expire, and what they refuse. */
class ExpiringLinksTest {

    private final TokenSigner signer = TokenSigner.fromKeyRing("k1:links-secret-0123456789");
    private final Instant now = Instant.now();
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final ExpiringLinks confirm = new ExpiringLinks("confirm", "confirm");
    private final UUID id = UUID.randomUUID();

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void aLinkNamesItsTargetUntilItExpires() {
        String url = confirm.url(signer, "https://consent.example//", id, now.plus(Duration.ofHours(1)));
        assertTrue(url.startsWith("https://consent.example/confirm/"), url);
        assertEquals(Optional.of(new ExpiringLinks.Target(id, false)), confirm.read(signer, clock, token(url)));

        Clock later = Clock.offset(clock, Duration.ofHours(2));
        assertEquals(Optional.of(new ExpiringLinks.Target(id, true)), confirm.read(signer, later, token(url)));
    }

    @Test
    void theTokenFormatIsTheOneAlreadyInMessagesSent() {
        long expires = now.plus(Duration.ofDays(1)).getEpochSecond();
        String old = signer.sign("confirm|" + id + "|" + expires);
        assertEquals(Optional.of(new ExpiringLinks.Target(id, false)), confirm.read(signer, clock, old));
    }

    @Test
    void anotherKindAForgeryOrAMalformedPayloadReadsAsNothing() {
        String stay = token(new ExpiringLinks("stay", "stay").url(signer, "http://h", id, now.plusSeconds(60)));
        assertEquals(Optional.empty(), confirm.read(signer, clock, stay));
        String other = token(confirm.url(
                TokenSigner.fromKeyRing("k1:another-secret-0123456789"), "http://h", id, now.plusSeconds(60)));
        assertEquals(Optional.empty(), confirm.read(signer, clock, other));
        assertEquals(Optional.empty(), confirm.read(signer, clock, signer.sign("confirm|not-a-uuid|1")));
        assertEquals(Optional.empty(), confirm.read(signer, clock, signer.sign("confirm|" + id + "|soon")));
        assertEquals(Optional.empty(), confirm.read(signer, clock, signer.sign("confirm|" + id)));
        assertThrows(IllegalArgumentException.class, () -> new ExpiringLinks("a|b", "a"));
    }
}
