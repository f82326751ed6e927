package eu.consent.suppression.sources.formats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.purpose.Channel;
import org.junit.jupiter.api.Test;

/** Which channels' opt-outs each outbound file carries ({@link OutboundFormats#carries(EspFormat, Channel)}). */
class OutboundChannelsTest {

    @Test
    void theDiallersFileHoldsOptOutsFromCallsOnly() {
        assertTrue(OutboundFormats.carries(EspFormat.BLOCTEL, Channel.PHONE));
        assertFalse(OutboundFormats.carries(EspFormat.BLOCTEL, Channel.SMS));
    }

    @Test
    void theGenericFileHoldsBothKindsOfNumberOptOut() {
        assertTrue(OutboundFormats.carries(EspFormat.GENERIC, Channel.SMS));
        assertTrue(OutboundFormats.carries(EspFormat.GENERIC, Channel.PHONE));
        assertTrue(OutboundFormats.carries(EspFormat.SES, Channel.EMAIL));
    }
}
