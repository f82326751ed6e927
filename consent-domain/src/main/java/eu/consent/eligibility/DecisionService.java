package eu.consent.eligibility;

import eu.consent.consent.ConsentState;
import eu.consent.contact.Contact;
import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.retention.policy.RetentionPolicy;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Violations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers "may I send?" for one recipient or a batch: gathers the facts from the database (no cache: an opt-out
 * committed by any server is seen by the very next decision), picks the policy of each contact's country and lets
 * the engine decide. A database that cannot answer makes the decision fail, never allow.
 */
@ApplicationScoped
public class DecisionService {

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    PurposeCatalog purposes;

    @Inject
    Clock clock;

    @Inject
    KeyedHash hash;

    @Inject
    RetentionPolicy retention;

    @Inject
    @ConfigProperty(name = "consent.policy.fallback", defaultValue = "EU")
    String fallbackPolicy;

    private Policies policies;

    @PostConstruct
    void loadPolicies() {
        policies = Policies.load(fallbackPolicy);
    }

    /** A purpose and channel checked once for a whole request. */
    public record Question(Purpose purpose, Channel channel) {}

    /** Validates the purpose and channel of a question: an unknown purpose or a channel it does not use is a 422. */
    public Question question(String purposeKey, String channelName) {
        Violations v = new Violations();
        v.require("purpose", purposeKey);
        Channel channel = v.enumValue("channel", v.require("channel", channelName), Channel.class);
        v.throwIfAny();
        Purpose purpose;
        try {
            purpose = purposes.get(purposeKey);
        } catch (NotFoundException e) {
            throw new InvalidInputException("purpose", "is not a known purpose");
        }
        if (!purpose.uses(channel)) {
            throw new InvalidInputException("channel", "is not a channel of purpose " + purposeKey);
        }
        return new Question(purpose, channel);
    }

    /**
     * Whether prospecting for {@code purpose} on {@code channel} reaches this contact without any consent: an opt-out
     * regime of the contact's policy, or soft opt-in for a customer. The preference centre shows such a purpose as
     * received, and switching it off records an objection.
     */
    public boolean reachesWithoutConsent(Contact contact, Purpose purpose, Channel channel) {
        return withoutConsent(contact, purpose, channel).isPresent();
    }

    /**
     * The rule under which prospecting reaches the contact without consent ({@code B2B_OPT_OUT_REGIME},
     * {@code POSTAL_OPT_OUT_REGIME}, {@code PHONE_OPT_OUT_REGIME}, {@code OPT_OUT_REGIME} or {@code SOFT_OPT_IN}), or
     * empty where only consent does: the preference centre tells the person why such a switch is on.
     */
    public Optional<Rule> withoutConsent(Contact contact, Purpose purpose, Channel channel) {
        Regime regime = policies.forCountry(contact.country()).regime(contact.audience(), channel);
        if (!regime.allowsWithoutConsent(contact.isCustomer(), purpose.isSimilarToPurchases())) {
            return Optional.empty();
        }
        return Optional.of(regime.allowRule != null ? regime.allowRule : Rule.SOFT_OPT_IN);
    }

    /** Decides for each recipient, in order; a null recipient (an invalid identifier) gets a null verdict. */
    public List<Verdict> decide(Question q, List<Recipient> recipients) {
        List<Recipient> known = recipients.stream().filter(r -> r != null).toList();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            boolean retired = FactsLoader.retired(c, q.purpose().key());
            Map<String, FactsLoader.Row> rows = FactsLoader.contacts(c, q.purpose(), q.channel(), known);
            List<String> hashes = new ArrayList<>();
            List<UUID> capped = new ArrayList<>();
            for (FactsLoader.Row row : rows.values()) {
                String identifierHash = row.hashFor(q.channel(), hash);
                if (identifierHash != null) {
                    hashes.add(identifierHash);
                }
                if (row.caps().containsKey(q.purpose().key())) {
                    capped.add(row.id());
                }
            }
            Map<String, List<Facts.Block>> blocks = FactsLoader.suppressions(c, q.channel(), hashes);
            Map<UUID, List<Instant>> sends = capped.isEmpty()
                    ? Map.of()
                    : FactsLoader.sends(c, q.purpose().key(), now.minus(FrequencyCap.Per.MONTH.window), capped);
            List<Verdict> verdicts = new ArrayList<>(recipients.size());
            for (Recipient r : recipients) {
                verdicts.add(r == null ? null : verdict(q, r, rows, blocks, sends, now, retired));
            }
            return verdicts;
        } catch (SQLException e) {
            throw new DecisionUnavailableException(e);
        }
    }

    private Verdict verdict(
            Question q,
            Recipient r,
            Map<String, FactsLoader.Row> rows,
            Map<String, List<Facts.Block>> blocks,
            Map<UUID, List<Instant>> sends,
            Instant now,
            boolean retired) {
        FactsLoader.Row row = rows.get(r.kind() + ":" + r.value());
        if (row == null) {
            return new Verdict(
                    r,
                    null,
                    PolicyEngine.decide(
                            policies.forCountry(null),
                            Facts.unknown(q.purpose().key(), q.purpose().kind(), q.channel(), now)));
        }
        String identifierHash = row.hashFor(q.channel(), hash);
        FrequencyCap cap = row.caps().get(q.purpose().key());
        long sent = 0;
        if (cap != null) {
            Instant since = now.minus(cap.per().window);
            sent = sends.getOrDefault(row.id(), List.of()).stream()
                    .filter(t -> !t.isBefore(since))
                    .count();
        }
        Facts facts = new Facts(
                true,
                row.audience(),
                row.customer(),
                q.purpose().key(),
                q.purpose().kind(),
                q.purpose().isSimilarToPurchases(),
                q.channel(),
                row.state() == null ? ConsentState.NONE : row.state(),
                row.since(),
                identifierHash == null ? List.of() : blocks.getOrDefault(identifierHash, List.of()),
                row.pausedUntil(),
                cap,
                sent,
                now,
                row.stateByPerson(),
                row.preferredChannels(),
                row.lastActiveAt(),
                row.createdAt(),
                retention.cutoff(now),
                retired);
        return new Verdict(r, row.id(), PolicyEngine.decide(policies.forCountry(row.country()), facts));
    }

    /** Decides for one recipient named by exactly one of contactId, email or phone. */
    public Verdict decideOne(DecisionInput in) {
        Violations v = new Violations();
        int named = (in.contactId() == null ? 0 : 1) + (in.email() == null ? 0 : 1) + (in.phone() == null ? 0 : 1);
        if (named != 1) {
            v.add("contactId", "name the recipient by exactly one of contactId, email or phone");
        }
        v.throwIfAny();
        Question q = question(in.purpose(), in.channel());
        Recipient r;
        if (in.contactId() != null) {
            r = Recipient.of(Recipient.Kind.CONTACT_ID, in.contactId());
            if (r == null) {
                throw new InvalidInputException("contactId", "must be a UUID");
            }
        } else if (in.email() != null) {
            r = Recipient.of(Recipient.Kind.EMAIL, in.email());
            if (r == null) {
                throw new InvalidInputException("email", "is not an email address");
            }
        } else {
            r = Recipient.of(Recipient.Kind.PHONE, in.phone());
            if (r == null) {
                throw new InvalidInputException("phone", "must be a phone number in international form (+…)");
            }
        }
        return decide(q, List.of(r)).get(0);
    }
}
