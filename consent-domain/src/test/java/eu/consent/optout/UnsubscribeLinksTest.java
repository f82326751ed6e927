package eu.consent.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.purpose.Channel;
import eu.consent.shared.TokenSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {

    private UnsubscribeLinks links(String mailto) {
        UnsubscribeLinks links = new UnsubscribeLinks();
        links.signer = TokenSigner.fromKeyRing("k1:unit-test-key-0123456789");
        links.clock = Clock.systemUTC();
        links.baseUrl = "https://consent.example/";
        links.mailto = mailto;
        links.unsubscribeTtl = Duration.ofDays(60);
        links.preferencesTtl = Duration.ofDays(90);
        return links;
    }

    @Test
    void aLinkNamesTheContactThePurposeAndTheChannel() {
        UUID contact = UUID.randomUUID();
        UnsubscribeLinks links = links(" ");
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        UnsubscribeLinks.Links made = links.linksFor(contact, "newsletter", Channel.SMS);
        String token = made.unsubscribeUrl().substring("https://consent.example/unsubscribe/".length());
        UnsubscribeLinks.Target read = links.read(token).orElseThrow();
        assertEquals(
                new UnsubscribeLinks.Target(
                        contact, "newsletter", Channel.SMS, false, read.issuedAt(), Duration.ofMillis(1)),
                read);
        assertFalse(read.issuedAt().isBefore(before), "issued now, to the millisecond: " + read.issuedAt());
        assertFalse(read.issuedAt().isAfter(Instant.now()), read.issuedAt().toString());
        assertEquals("<" + made.unsubscribeUrl() + ">", made.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", made.headers().get("List-Unsubscribe-Post"));
        assertTrue(made.preferencesUrl().startsWith("https://consent.example/preferences/"));
    }

    @Test
    void theHeadersAloneAreThoseOfTheWholeMessagesLinks() {
        UUID contact = UUID.randomUUID();
        UnsubscribeLinks links = links("unsubscribe@consent.example");
        links.clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        assertEquals(
                links.linksFor(contact, "newsletter", Channel.EMAIL).headers(),
                links.headersFor(contact, "newsletter", Channel.EMAIL));
        assertEquals(
                links.linksFor(contact, null, Channel.EMAIL).headers(), links.headersFor(contact, null, Channel.EMAIL));
    }

    /** A link issued before 2026-12-06 holds its issue time in seconds, and is read as such. */
    @Test
    void aLinkSignedWithSecondsIsReadToTheSecond() {
        UnsubscribeLinks links = links(" ");
        UUID contact = UUID.randomUUID();
        long issued = Instant.now().minusSeconds(3_600).getEpochSecond();
        String token = links.signer.sign("unsub|" + contact + "|*|EMAIL|" + issued);
        UnsubscribeLinks.Target read = links.read(token).orElseThrow();
        assertEquals(Instant.ofEpochSecond(issued), read.issuedAt());
        assertEquals(Duration.ofSeconds(1), read.issuedWithin());
        assertFalse(read.expired());
        String old = links.signer.sign("unsub|" + contact + "|*|EMAIL|"
                + Instant.now().minus(Duration.ofDays(61)).getEpochSecond());
        assertTrue(links.read(old).orElseThrow().expired(), "past the 60 days");
    }

    @Test
    void withoutAPurposeItMeansAllProspecting() {
        UUID contact = UUID.randomUUID();
        UnsubscribeLinks links = links(" ");
        String url = links.linksFor(contact, null, Channel.EMAIL).unsubscribeUrl();
        assertNull(links.read(url.substring(url.lastIndexOf('/') + 1))
                .orElseThrow()
                .purposeKey());
    }

    @Test
    void aPreferenceTokenIsNotAnUnsubscribeToken() {
        UnsubscribeLinks links = links(" ");
        String prefs = links.linksFor(UUID.randomUUID(), null, Channel.EMAIL).preferencesUrl();
        assertEquals(Optional.empty(), links.read(prefs.substring(prefs.lastIndexOf('/') + 1)));
    }

    @Test
    void aConfiguredMailtoComesFirst() {
        UnsubscribeLinks.Links made =
                links("unsubscribe@consent.example").linksFor(UUID.randomUUID(), null, Channel.EMAIL);
        String header = made.headers().get("List-Unsubscribe");
        assertTrue(header.startsWith("<mailto:unsubscribe@consent.example?subject=unsubscribe%20"), header);
        assertTrue(header.endsWith(", <" + made.unsubscribeUrl() + ">"), header);
    }

    @Test
    void eachKindOfLinkLivesForItsOwnTimeCountedFromItsIssue() {
        UUID contact = UUID.randomUUID();
        UnsubscribeLinks links = links(" ");
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        links.clock = Clock.fixed(issued, ZoneOffset.UTC);
        UnsubscribeLinks.Links made = links.linksFor(contact, null, Channel.EMAIL);
        String unsubscribe =
                made.unsubscribeUrl().substring(made.unsubscribeUrl().lastIndexOf('/') + 1);
        String prefs = made.preferencesUrl().substring(made.preferencesUrl().lastIndexOf('/') + 1);

        links.clock = Clock.fixed(issued.plus(Duration.ofDays(59)), ZoneOffset.UTC);
        assertFalse(links.read(unsubscribe).orElseThrow().expired());
        assertFalse(links.readPreferences(prefs).orElseThrow().expired());
        links.clock = Clock.fixed(issued.plus(Duration.ofDays(61)), ZoneOffset.UTC);
        assertTrue(links.read(unsubscribe).orElseThrow().expired(), "past its 60 days");
        assertFalse(links.readPreferences(prefs).orElseThrow().expired());
        links.clock = Clock.fixed(issued.plus(Duration.ofDays(91)), ZoneOffset.UTC);
        assertTrue(links.readPreferences(prefs).orElseThrow().expired(), "past its 90 days");
        assertEquals(contact, links.readPreferences(prefs).orElseThrow().contactId());
    }

    @Test
    void anUnsubscribeLifetimeUnderSixtyDaysIsRefused() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> UnsubscribeLinks.checkLifetimes(Duration.ofDays(59), Duration.ofDays(90)));
        assertTrue(e.getMessage().contains("consent.links.unsubscribe-ttl"), e.getMessage());
        assertThrows(
                IllegalStateException.class, () -> UnsubscribeLinks.checkLifetimes(Duration.ofDays(60), Duration.ZERO));
        UnsubscribeLinks.checkLifetimes(Duration.ofDays(60), Duration.ofDays(1));
    }
}
