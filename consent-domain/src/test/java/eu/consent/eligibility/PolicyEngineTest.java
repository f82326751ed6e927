package eu.consent.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.consent.ConsentState;
import eu.consent.contact.Audience;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKind;
import eu.consent.suppression.SuppressionReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The France/EU rules of DESIGN.md, row by row, and invariants over every combination. */
class PolicyEngineTest {

    private static final Policies POLICIES = Policies.load(null, null);
    private static final Policy EU = POLICIES.forCountry("FR");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant BEFORE = NOW.minusSeconds(86_400);

    private static Facts facts(
            Channel channel,
            Audience audience,
            PurposeKind kind,
            boolean customer,
            boolean similar,
            ConsentState state,
            SuppressionReason suppression,
            String suppressedPurpose) {
        List<Facts.Block> blocks = new ArrayList<>();
        if (suppression != null) {
            blocks.add(new Facts.Block(suppression, suppressedPurpose, BEFORE));
        }
        return new Facts(
                true,
                audience,
                customer,
                "promo",
                kind,
                similar,
                channel,
                state,
                state == ConsentState.NONE ? null : BEFORE.minusSeconds(60),
                blocks,
                null,
                null,
                0,
                NOW);
    }

    @ParameterizedTest(name = "{0} {1} {2} customer={3} similar={4} {5} {6} → {7}")
    @CsvSource(
            nullValues = "-",
            value = {
                // service messages: allowed on every channel, whatever the marketing opt-outs
                "EMAIL, B2C, SERVICE, false, false, NONE, -, SERVICE_MESSAGE",
                "EMAIL, B2C, SERVICE, false, false, WITHDRAWN, UNSUBSCRIBED, SERVICE_MESSAGE",
                "EMAIL, B2C, SERVICE, false, false, OBJECTED, COMPLAINT, SERVICE_MESSAGE",
                "SMS, B2B, SERVICE, true, false, NONE, MANUAL, SERVICE_MESSAGE",
                "PHONE, B2C, SERVICE, false, false, NONE, DNC_REGISTRY, SERVICE_MESSAGE",
                "POSTAL, B2C, SERVICE, false, false, NONE, -, SERVICE_MESSAGE",
                // ...but a technical block holds for them too; the ERASED mark of someone who came back does not
                "EMAIL, B2C, SERVICE, true, false, GRANTED, HARD_BOUNCE, SUPPRESSED_HARD_BOUNCE",
                "EMAIL, B2C, SERVICE, true, false, NONE, ERASED, SERVICE_MESSAGE",
                "SOCIAL_ADS, B2C, SERVICE, true, false, NONE, ERASED, SERVICE_MESSAGE",
                "EMAIL, B2C, PROSPECTING, true, true, GRANTED, ERASED, SUPPRESSED_ERASED",
                "POSTAL, B2C, PROSPECTING, false, false, NONE, ERASED, SUPPRESSED_ERASED",
                // suppressions, in their order
                "EMAIL, B2C, PROSPECTING, false, false, GRANTED, HARD_BOUNCE, SUPPRESSED_HARD_BOUNCE",
                "EMAIL, B2C, PROSPECTING, false, false, GRANTED, COMPLAINT, SUPPRESSED_COMPLAINT",
                "EMAIL, B2C, PROSPECTING, false, false, NONE, UNSUBSCRIBED, SUPPRESSED_UNSUBSCRIBED",
                "EMAIL, B2B, PROSPECTING, false, false, NONE, UNSUBSCRIBED, SUPPRESSED_UNSUBSCRIBED",
                "SMS, B2C, PROSPECTING, true, true, NONE, MANUAL, SUPPRESSED_MANUAL",
                "POSTAL, B2C, PROSPECTING, false, false, NONE, MANUAL, SUPPRESSED_MANUAL",
                // the person's word
                "EMAIL, B2B, PROSPECTING, false, false, OBJECTED, -, OBJECTED",
                "POSTAL, B2C, PROSPECTING, false, false, OBJECTED, -, OBJECTED",
                "PHONE, B2C, PROSPECTING, true, false, OBJECTED, -, OBJECTED",
                "EMAIL, B2C, PROSPECTING, true, true, WITHDRAWN, -, CONSENT_WITHDRAWN",
                "SMS, B2B, PROSPECTING, false, false, WITHDRAWN, -, CONSENT_WITHDRAWN",
                // B2C email, SMS, social ads: opt-in (or soft opt-in)
                "EMAIL, B2C, PROSPECTING, false, false, GRANTED, -, CONSENT_GRANTED",
                "EMAIL, B2C, PROSPECTING, false, false, PENDING, -, CONSENT_PENDING",
                "EMAIL, B2C, PROSPECTING, false, false, NONE, -, NO_CONSENT",
                "EMAIL, B2C, PROSPECTING, true, false, NONE, -, NO_CONSENT",
                "EMAIL, B2C, PROSPECTING, false, true, NONE, -, NO_CONSENT",
                "EMAIL, B2C, PROSPECTING, true, true, NONE, -, SOFT_OPT_IN",
                "EMAIL, B2C, PROSPECTING, true, true, PENDING, -, CONSENT_PENDING",
                "SMS, B2C, PROSPECTING, false, false, GRANTED, -, CONSENT_GRANTED",
                "SMS, B2C, PROSPECTING, false, false, NONE, -, NO_CONSENT",
                "SMS, B2C, PROSPECTING, true, true, NONE, -, SOFT_OPT_IN",
                "SOCIAL_ADS, B2C, PROSPECTING, false, false, NONE, -, NO_CONSENT",
                "SOCIAL_ADS, B2C, PROSPECTING, false, false, GRANTED, -, CONSENT_GRANTED",
                "SOCIAL_ADS, B2C, PROSPECTING, true, true, NONE, -, SOFT_OPT_IN",
                "PUSH, B2C, PROSPECTING, true, true, NONE, -, NO_CONSENT",
                "PUSH, B2C, PROSPECTING, false, false, GRANTED, -, CONSENT_GRANTED",
                // B2B email and SMS: opt-out regime
                "EMAIL, B2B, PROSPECTING, false, false, NONE, -, B2B_OPT_OUT_REGIME",
                "SMS, B2B, PROSPECTING, true, false, NONE, -, B2B_OPT_OUT_REGIME",
                "EMAIL, B2B, PROSPECTING, false, false, GRANTED, -, CONSENT_GRANTED",
                "SOCIAL_ADS, B2B, PROSPECTING, false, false, NONE, -, NO_CONSENT",
                // post: opt-out regime for everyone
                "POSTAL, B2C, PROSPECTING, false, false, NONE, -, POSTAL_OPT_OUT_REGIME",
                "POSTAL, B2B, PROSPECTING, false, false, NONE, -, POSTAL_OPT_OUT_REGIME",
                // phone: opt-out regime, and the do-not-call list protects consumers who are not customers
                "PHONE, B2C, PROSPECTING, false, false, NONE, -, PHONE_OPT_OUT_REGIME",
                "PHONE, B2C, PROSPECTING, false, false, NONE, DNC_REGISTRY, PHONE_DNC_LISTED",
                "PHONE, B2C, PROSPECTING, true, false, NONE, DNC_REGISTRY, PHONE_OPT_OUT_REGIME",
                "PHONE, B2B, PROSPECTING, false, false, NONE, DNC_REGISTRY, PHONE_OPT_OUT_REGIME",
                "PHONE, B2C, PROSPECTING, false, false, GRANTED, DNC_REGISTRY, PHONE_DNC_LISTED",
                "PHONE, B2B, PROSPECTING, false, false, NONE, -, PHONE_OPT_OUT_REGIME"
            })
    void theFrenchRules(
            Channel channel,
            Audience audience,
            PurposeKind kind,
            boolean customer,
            boolean similar,
            ConsentState state,
            SuppressionReason suppression,
            Rule expected) {
        Decision d =
                PolicyEngine.decide(EU, facts(channel, audience, kind, customer, similar, state, suppression, null));
        assertEquals(expected, d.rule());
    }

    @Test
    void everyCombinationHoldsTheInvariants() {
        int checked = 0;
        for (Channel channel : Channel.values()) {
            for (Audience audience : Audience.values()) {
                for (PurposeKind kind : PurposeKind.values()) {
                    for (boolean customer : new boolean[] {false, true}) {
                        for (boolean similar : new boolean[] {false, true}) {
                            for (ConsentState state : ConsentState.values()) {
                                for (SuppressionReason reason : withNone(SuppressionReason.values())) {
                                    Facts f = facts(channel, audience, kind, customer, similar, state, reason, null);
                                    Decision d = PolicyEngine.decide(EU, f);
                                    check(f, d, reason);
                                    checked++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(6 * 2 * 2 * 2 * 2 * 5 * 7, checked);
    }

    private static void check(Facts f, Decision d, SuppressionReason reason) {
        String where = f + " → " + d;
        assertEquals(d.allowed(), d.basis() != null, "allowed exactly when a basis is named: " + where);
        if (f.kind() == PurposeKind.SERVICE) {
            boolean technical = reason == SuppressionReason.HARD_BOUNCE;
            assertEquals(!technical, d.allowed(), "service messages ignore marketing opt-outs: " + where);
            return;
        }
        if (reason != null && reason != SuppressionReason.DNC_REGISTRY) {
            assertFalse(d.allowed(), "a suppression stops prospecting: " + where);
        }
        if (f.state() == ConsentState.WITHDRAWN || f.state() == ConsentState.OBJECTED) {
            assertFalse(d.allowed(), "an opt-out stops prospecting: " + where);
        }
        if (d.rule() == Rule.SOFT_OPT_IN) {
            assertTrue(f.customer() && f.similarToPurchases(), "soft opt-in only for customers: " + where);
        }
        if (d.allowed()
                && f.audience() == Audience.B2C
                && f.channel() != Channel.POSTAL
                && f.channel() != Channel.PHONE) {
            assertTrue(
                    f.state() == ConsentState.GRANTED || d.rule() == Rule.SOFT_OPT_IN,
                    "B2C email, SMS, ads and push need consent: " + where);
        }
    }

    private static SuppressionReason[] withNone(SuppressionReason[] reasons) {
        SuppressionReason[] all = new SuppressionReason[reasons.length + 1];
        System.arraycopy(reasons, 0, all, 1, reasons.length);
        return all;
    }

    /**
     * The rules that need more facts than the table above, in the contract's order: who set the consent state, the
     * preferred channels, and how long ago the person last acted (retention 36 months).
     */
    @ParameterizedTest(name = "{0} {1} {2} {3} byPerson={4} preferred={5} inactive={6}m → {7}")
    @CsvSource(
            nullValues = "-",
            value = {
                // retention: past the period, no prospecting even before the purge; service goes on
                "EMAIL, PROSPECTING, GRANTED, -, true, -, 37, RETENTION_EXPIRED",
                "POSTAL, PROSPECTING, NONE, -, true, -, 37, RETENTION_EXPIRED",
                "EMAIL, PROSPECTING, GRANTED, -, true, -, 35, CONSENT_GRANTED",
                "EMAIL, SERVICE, NONE, -, true, -, 40, SERVICE_MESSAGE",
                "EMAIL, PROSPECTING, GRANTED, ERASED, true, -, 40, SUPPRESSED_ERASED",
                "EMAIL, PROSPECTING, GRANTED, COMPLAINT, true, -, 40, RETENTION_EXPIRED",
                "EMAIL, PROSPECTING, GRANTED, HARD_BOUNCE, true, -, 40, SUPPRESSED_HARD_BOUNCE",
                // preferred channels
                "EMAIL, PROSPECTING, GRANTED, -, true, SMS, 1, CHANNEL_NOT_PREFERRED",
                "EMAIL, PROSPECTING, GRANTED, -, true, SMS|EMAIL, 1, CONSENT_GRANTED",
                "POSTAL, PROSPECTING, NONE, -, true, EMAIL, 1, CHANNEL_NOT_PREFERRED",
                "POSTAL, SERVICE, NONE, -, true, EMAIL, 1, SERVICE_MESSAGE",
                "EMAIL, PROSPECTING, WITHDRAWN, -, true, SMS, 1, CONSENT_WITHDRAWN",
                // an unsubscribe from everything yields only to the person's own new consent
                "EMAIL, PROSPECTING, GRANTED, UNSUBSCRIBED_ALL, true, -, 1, CONSENT_GRANTED",
                "EMAIL, PROSPECTING, GRANTED, UNSUBSCRIBED_ALL, false, -, 1, SUPPRESSED_UNSUBSCRIBED",
                "EMAIL, SERVICE, GRANTED, UNSUBSCRIBED_ALL, false, -, 1, SERVICE_MESSAGE",
                // so does the ERASED mark, for the purpose consented to only, under an opt-out regime too
                "PHONE, PROSPECTING, GRANTED, ERASED_EARLIER, true, -, 1, CONSENT_GRANTED",
                "PHONE, PROSPECTING, GRANTED, ERASED_EARLIER, false, -, 1, SUPPRESSED_ERASED",
                "PHONE, PROSPECTING, NONE, ERASED_EARLIER, true, -, 1, SUPPRESSED_ERASED",
                "PHONE, PROSPECTING, PENDING, ERASED_EARLIER, true, -, 1, SUPPRESSED_ERASED",
                "POSTAL, PROSPECTING, WITHDRAWN, ERASED_EARLIER, true, -, 1, SUPPRESSED_ERASED"
            })
    void theRulesOfTheContractThatNeedMoreFacts(
            Channel channel,
            PurposeKind kind,
            ConsentState state,
            String suppression,
            boolean stateByPerson,
            String preferred,
            int inactiveMonths,
            Rule expected) {
        List<Facts.Block> blocks = new ArrayList<>();
        if ("UNSUBSCRIBED_ALL".equals(suppression) || "ERASED_EARLIER".equals(suppression)) {
            // made before the consent state began: only who gave that consent decides
            SuppressionReason reason = SuppressionReason.valueOf(suppression.substring(0, suppression.indexOf('_')));
            blocks.add(new Facts.Block(reason, null, BEFORE.minusSeconds(3600)));
        } else if (suppression != null) {
            blocks.add(new Facts.Block(SuppressionReason.valueOf(suppression), null, BEFORE));
        }
        java.util.Set<Channel> channels = java.util.EnumSet.noneOf(Channel.class);
        if (preferred != null) {
            for (String name : preferred.split("\\|")) {
                channels.add(Channel.valueOf(name));
            }
        }
        Instant lastActive = eu.consent.retention.policy.RetentionPolicy.monthsBefore(NOW, inactiveMonths);
        Facts f = new Facts(
                true,
                Audience.B2C,
                false,
                "promo",
                kind,
                false,
                channel,
                state,
                state == ConsentState.NONE ? null : BEFORE,
                blocks,
                null,
                null,
                0,
                NOW,
                stateByPerson,
                channels,
                lastActive,
                lastActive.minusSeconds(86_400),
                eu.consent.retention.policy.RetentionPolicy.monthsBefore(NOW, 36),
                false);
        assertEquals(expected, PolicyEngine.decide(EU, f).rule());
    }

    @Test
    void theRulesAreTriedInTheContractsOrder() {
        // API.md, decision rules; PURPOSE_RETIRED (another change) slots in second.
        List<String> contract = List.of(
                "UNKNOWN_CONTACT",
                "SUPPRESSED_HARD_BOUNCE",
                "SERVICE_MESSAGE",
                "SUPPRESSED_ERASED",
                "RETENTION_EXPIRED",
                "SUPPRESSED_COMPLAINT",
                "SUPPRESSED_UNSUBSCRIBED",
                "SUPPRESSED_MANUAL",
                "OBJECTED",
                "CONSENT_WITHDRAWN",
                "PHONE_DNC_LISTED",
                "PAUSED",
                "CHANNEL_NOT_PREFERRED",
                "FREQUENCY_CAP",
                "CONSENT_GRANTED",
                "CONSENT_PENDING",
                "SOFT_OPT_IN",
                "B2B_OPT_OUT_REGIME",
                "POSTAL_OPT_OUT_REGIME",
                "PHONE_OPT_OUT_REGIME",
                "NO_CONSENT");
        List<String> ours = java.util.Arrays.stream(Rule.values())
                .map(Enum::name)
                .filter(contract::contains)
                .toList();
        assertEquals(contract, ours);
    }

    @Test
    void aSuppressionForAnotherPurposeDoesNotBlockThisOne() {
        Facts f = facts(
                Channel.EMAIL,
                Audience.B2C,
                PurposeKind.PROSPECTING,
                false,
                false,
                ConsentState.GRANTED,
                SuppressionReason.UNSUBSCRIBED,
                "other");
        assertEquals(Rule.CONSENT_GRANTED, PolicyEngine.decide(EU, f).rule());
        Facts same = facts(
                Channel.EMAIL,
                Audience.B2C,
                PurposeKind.PROSPECTING,
                false,
                false,
                ConsentState.GRANTED,
                SuppressionReason.UNSUBSCRIBED,
                "promo");
        assertEquals(Rule.SUPPRESSED_UNSUBSCRIBED, PolicyEngine.decide(EU, same).rule());
    }

    @Test
    void aConsentGivenAgainAfterAnUnsubscribeFromAllCountsForItsPurpose() {
        Facts regranted = new Facts(
                true,
                Audience.B2C,
                false,
                "promo",
                PurposeKind.PROSPECTING,
                false,
                Channel.EMAIL,
                ConsentState.GRANTED,
                NOW.minusSeconds(60),
                List.of(new Facts.Block(SuppressionReason.UNSUBSCRIBED, null, BEFORE)),
                null,
                null,
                0,
                NOW);
        assertEquals(Rule.CONSENT_GRANTED, PolicyEngine.decide(EU, regranted).rule());
        Facts old = new Facts(
                true,
                Audience.B2C,
                false,
                "promo",
                PurposeKind.PROSPECTING,
                false,
                Channel.EMAIL,
                ConsentState.GRANTED,
                BEFORE.minusSeconds(60),
                List.of(new Facts.Block(SuppressionReason.UNSUBSCRIBED, null, BEFORE)),
                null,
                null,
                0,
                NOW);
        assertEquals(Rule.SUPPRESSED_UNSUBSCRIBED, PolicyEngine.decide(EU, old).rule());
    }

    /**
     * The person unsubscribed from everything, consented again to one purpose, then asked to stop again: the very same
     * entry, dated anew, orders after that consent and closes the purpose again (tester G's finding G5).
     */
    @Test
    void anUnsubscribeAskedForAgainAfterTheConsentClosesThePurposeAgain() {
        eu.consent.suppression.Suppression entry = new eu.consent.suppression.Suppression(
                "h".repeat(64),
                eu.consent.purpose.IdentifierKind.EMAIL,
                Channel.EMAIL,
                null,
                SuppressionReason.UNSUBSCRIBED,
                "callcentre",
                BEFORE);
        Instant regranted = BEFORE.plusSeconds(600);
        java.util.function.Function<Instant, Facts> factsAt = since -> new Facts(
                true,
                Audience.B2C,
                false,
                "promo",
                PurposeKind.PROSPECTING,
                false,
                Channel.EMAIL,
                ConsentState.GRANTED,
                regranted,
                List.of(new Facts.Block(SuppressionReason.UNSUBSCRIBED, null, since)),
                null,
                null,
                0,
                NOW,
                true,
                java.util.Set.of(),
                null,
                BEFORE.minusSeconds(86_400),
                null,
                false);
        assertEquals(
                Rule.CONSENT_GRANTED,
                PolicyEngine.decide(EU, factsAt.apply(entry.createdAt())).rule());
        entry.renew(regranted.plusSeconds(1), regranted.plusSeconds(2));
        assertEquals(
                Rule.SUPPRESSED_UNSUBSCRIBED,
                PolicyEngine.decide(EU, factsAt.apply(entry.createdAt())).rule());
    }

    @Test
    void preferencesPauseAndCapProspectingOnly() {
        Facts paused = new Facts(
                true,
                Audience.B2C,
                false,
                "promo",
                PurposeKind.PROSPECTING,
                false,
                Channel.EMAIL,
                ConsentState.GRANTED,
                BEFORE,
                List.of(),
                NOW.plusSeconds(3600),
                null,
                0,
                NOW);
        assertEquals(Rule.PAUSED, PolicyEngine.decide(EU, paused).rule());
        Facts pauseOver = new Facts(
                true,
                Audience.B2C,
                false,
                "promo",
                PurposeKind.PROSPECTING,
                false,
                Channel.EMAIL,
                ConsentState.GRANTED,
                BEFORE,
                List.of(),
                NOW.minusSeconds(1),
                null,
                0,
                NOW);
        assertEquals(Rule.CONSENT_GRANTED, PolicyEngine.decide(EU, pauseOver).rule());
        FrequencyCap cap = new FrequencyCap(2, FrequencyCap.Per.WEEK);
        Facts capped = new Facts(
                true,
                Audience.B2C,
                false,
                "promo",
                PurposeKind.PROSPECTING,
                false,
                Channel.EMAIL,
                ConsentState.GRANTED,
                BEFORE,
                List.of(),
                null,
                cap,
                2,
                NOW);
        assertEquals(Rule.FREQUENCY_CAP, PolicyEngine.decide(EU, capped).rule());
        Facts under = new Facts(
                true,
                Audience.B2C,
                false,
                "promo",
                PurposeKind.PROSPECTING,
                false,
                Channel.EMAIL,
                ConsentState.GRANTED,
                BEFORE,
                List.of(),
                null,
                cap,
                1,
                NOW);
        assertEquals(Rule.CONSENT_GRANTED, PolicyEngine.decide(EU, under).rule());
        Facts service = new Facts(
                true,
                Audience.B2C,
                false,
                "orders",
                PurposeKind.SERVICE,
                false,
                Channel.EMAIL,
                ConsentState.NONE,
                null,
                List.of(),
                NOW.plusSeconds(3600),
                cap,
                99,
                NOW);
        assertEquals(Rule.SERVICE_MESSAGE, PolicyEngine.decide(EU, service).rule());
    }

    @Test
    void unknownContactsAreNeverAllowed() {
        for (PurposeKind kind : PurposeKind.values()) {
            Decision d = PolicyEngine.decide(EU, Facts.unknown("x", kind, Channel.EMAIL, NOW));
            assertEquals(Rule.UNKNOWN_CONTACT, d.rule());
            assertNull(d.basis());
        }
    }

    @Test
    void thePolicyIsChosenByCountryWithAFallback() {
        assertEquals("EU", POLICIES.forCountry("FR").name());
        assertEquals("EU", POLICIES.forCountry("US").name(), "the US policy applies only once an operator chooses it");
        assertEquals("EU", POLICIES.forCountry("JP").name(), "the fallback");
        Policies both = Policies.load(null, "EU, US");
        assertEquals("US", both.forCountry("US").name());
        assertEquals("EU", both.forCountry("FR").name());
        assertEquals("US", Policies.load("US", "EU").forCountry("JP").name(), "a configured fallback");
        assertThrows(IllegalStateException.class, () -> Policies.load(null, "EU,CA"), "no such policy");
        Facts us = new Facts(
                true,
                Audience.B2C,
                false,
                "promo",
                PurposeKind.PROSPECTING,
                false,
                Channel.EMAIL,
                ConsentState.NONE,
                null,
                List.of(),
                null,
                null,
                0,
                NOW);
        Decision d = PolicyEngine.decide(both.forCountry("US"), us);
        assertEquals(Rule.OPT_OUT_REGIME, d.rule());
        assertNotNull(d.basis());
    }
}
