package eu.consent.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.purpose.Channel;
import eu.consent.shared.TokenSigner;
import java.time.Clock;
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
        return links;
    }

    @Test
    void aLinkNamesTheContactThePurposeAndTheChannel() {
        UUID contact = UUID.randomUUID();
        UnsubscribeLinks links = links(" ");
        UnsubscribeLinks.Links made = links.linksFor(contact, "newsletter", Channel.SMS);
        String token = made.unsubscribeUrl().substring("https://consent.example/unsubscribe/".length());
        assertEquals(Optional.of(new UnsubscribeLinks.Target(contact, "newsletter", Channel.SMS)), links.read(token));
        assertEquals("<" + made.unsubscribeUrl() + ">", made.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", made.headers().get("List-Unsubscribe-Post"));
        assertTrue(made.preferencesUrl().startsWith("https://consent.example/preferences/"));
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
}
