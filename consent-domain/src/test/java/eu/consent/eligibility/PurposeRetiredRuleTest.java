package eu.consent.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import eu.consent.consent.ConsentState;
import eu.consent.contact.Audience;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A retired purpose stops every send, right after the unknown-contact rule (API.md's order). */
class PurposeRetiredRuleTest {

    private static final Policy EU = Policies.load(null, null).forCountry("FR");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @ParameterizedTest(name = "{0} {1} {2} {3} retired={4} → {5}")
    @CsvSource({
        "EMAIL, B2C, PROSPECTING, GRANTED, false, CONSENT_GRANTED",
        "EMAIL, B2C, PROSPECTING, GRANTED, true, PURPOSE_RETIRED",
        "EMAIL, B2B, PROSPECTING, NONE, true, PURPOSE_RETIRED",
        "POSTAL, B2C, PROSPECTING, NONE, true, PURPOSE_RETIRED",
        "EMAIL, B2C, SERVICE, NONE, false, SERVICE_MESSAGE",
        "EMAIL, B2C, SERVICE, NONE, true, PURPOSE_RETIRED"
    })
    void aRetiredPurposeIsNeverSent(
            Channel channel, Audience audience, PurposeKind kind, ConsentState state, boolean retired, Rule expected) {
        Facts facts = new Facts(
                true,
                audience,
                false,
                "old-news",
                kind,
                false,
                channel,
                state,
                state == ConsentState.NONE ? null : NOW.minusSeconds(60),
                List.of(),
                null,
                null,
                0,
                NOW,
                true,
                java.util.Set.of(),
                null,
                null,
                null,
                retired);
        Decision decision = PolicyEngine.decide(EU, facts);
        assertEquals(expected, decision.rule());
        if (retired) {
            assertFalse(decision.allowed());
        }
    }

    @ParameterizedTest
    @CsvSource({"PROSPECTING", "SERVICE"})
    void anUnknownContactIsStillUnknownFirst(PurposeKind kind) {
        Facts unknown = Facts.unknown("old-news", kind, Channel.EMAIL, NOW);
        Facts retired = new Facts(
                false,
                null,
                false,
                unknown.purposeKey(),
                kind,
                false,
                Channel.EMAIL,
                ConsentState.NONE,
                null,
                List.of(),
                null,
                null,
                0,
                NOW,
                true,
                java.util.Set.of(),
                null,
                null,
                null,
                true);
        assertEquals(Rule.UNKNOWN_CONTACT, PolicyEngine.decide(EU, retired).rule());
    }
}
