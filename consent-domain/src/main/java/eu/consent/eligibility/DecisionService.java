package eu.consent.eligibility;

import eu.consent.contact.Contact;
import eu.consent.contact.PhoneNumbers;
import eu.consent.operations.ServiceMetrics;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKey;
import eu.consent.purpose.PurposeService;
import eu.consent.retention.policy.RetentionPolicy;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.SqlStates;
import eu.consent.shared.Violations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers "may I send?" for one recipient or a batch: takes each recipient's facts from this server's projection when
 * the database's change sequence says they are still exact (one probe per decision, shared by concurrent ones; see
 * {@link DecisionChanges}), else reads them in a few set-based queries; picks the policy of each contact's country and
 * lets the engine decide. An opt-out committed by any server is seen by the very next decision; a database that cannot
 * answer the probe makes the decision fail, never allow.
 */
@ApplicationScoped
public class DecisionService {

    private static final Logger LOG = Logger.getLogger(DecisionService.class.getName());

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    /**
     * The change sequence's probe goes through a data source of its own that no transaction enlists (server.xml,
     * {@code jdbc/probe}): one round trip per probe. Through {@code jdbc/consent} inside a caller's transaction, a
     * probe was several (XA start, query, end), and every decision waits for one. Hence no decision may be asked
     * inside a transaction that changed a decision fact: on Derby its probe would wait for that transaction's lock.
     */
    @Resource(lookup = "jdbc/probe")
    DataSource probeDataSource;

    /**
     * Where the change sequence's probes run and where a single decision that waited for one is answered
     * ({@link #decideOneAsync}): the request threads stay free while decisions wait for the database, so one probe
     * serves every decision that arrived while the previous one was under way.
     */
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ExecutorService executor;

    @Inject
    PurposeCatalog purposes;

    @Inject
    ServiceMetrics metrics;

    @Inject
    Clock clock;

    @Inject
    KeyedHash hash;

    @Inject
    RetentionPolicy retention;

    @Inject
    Policies policies;

    /**
     * Projections kept at most: the bound of this server's decision memory. 0 (the default) sizes it to the heap: a
     * quarter of the maximum heap at {@link #PROJECTION_BYTES} each, at most {@link #MAX_AUTO_PROJECTIONS}, so that a
     * small heap is never filled by projections.
     */
    @Inject
    @ConfigProperty(name = "consent.decisions.projections", defaultValue = "0")
    int maxProjections;

    /** What one projection costs in the heap, measured (README, "How a decision is answered"). */
    static final long PROJECTION_BYTES = 800;

    static final int MAX_AUTO_PROJECTIONS = 2_000_000;

    /**
     * How long a decision waits for the database at most: past it the decision fails closed (503, counted), as when
     * the database refuses. A database that hung (a frozen primary, a partition that keeps the connections open) held
     * each decision as long as it hung until 2026-12-07 (tester AU's F6): 80 s measured, neither refused nor counted.
     */
    @Inject
    @ConfigProperty(name = "consent.decisions.timeout", defaultValue = "PT5S")
    Duration timeout = Duration.ofSeconds(5);

    /**
     * The projections, per question (purpose and channel), then per recipient: looking one up hashes the recipient's
     * value alone, which its string keeps once hashed, where a key concatenated per look-up was built and hashed anew
     * for every line of a bulk list (a tenth of the warm bulk's CPU samples).
     */
    private final Map<String, Map<Key, Projection>> projections = new ConcurrentHashMap<>();

    private final Map<String, Projection.Retired> retirements = new ConcurrentHashMap<>();
    private final DecisionChanges changes = new DecisionChanges(() -> {
        projections.clear();
        retirements.clear();
    });

    @PostConstruct
    void prepare() {
        if (executor != null) {
            changes.probeOn(executor);
        }
        if (maxProjections <= 0) {
            maxProjections = projectionsFor(Runtime.getRuntime().maxMemory());
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            // none at all would fail every decision that waits for a probe
            LOG.warning("consent.decisions.timeout must be a positive duration; using 5 s");
            timeout = Duration.ofSeconds(5);
        }
    }

    /** The automatic bound for a heap of {@code maxHeapBytes}. */
    static int projectionsFor(long maxHeapBytes) {
        return (int) Math.max(1_000, Math.min(MAX_AUTO_PROJECTIONS, maxHeapBytes / 4 / PROJECTION_BYTES));
    }

    /** A purpose and channel checked once for a whole request. */
    public record Question(Purpose purpose, Channel channel) {}

    /** Validates the purpose and channel of a question: an unknown purpose or a channel it does not use is a 422. */
    public Question question(String purposeKey, String channelName) {
        Violations v = new Violations();
        v.require("purpose", purposeKey);
        Channel channel = v.enumValue("channel", v.require("channel", channelName), Channel.class);
        v.throwIfAny();
        return known(purposeKey, channel);
    }

    /** The question of a typed purpose key and channel: an unknown purpose or a channel it does not use is a 422. */
    public Question question(PurposeKey purposeKey, Channel channel) {
        return known(purposeKey.value(), channel);
    }

    private Question known(String purposeKey, Channel channel) {
        Purpose purpose;
        try {
            purpose = purposes.get(purposeKey);
        } catch (NotFoundException e) {
            throw new InvalidInputException("purpose", PurposeService.UNKNOWN_PURPOSE);
        } catch (RuntimeException e) {
            // A purpose not read yet, and a database that does not answer: the decision fails closed, and is counted
            // so (it was a 503 the fail-closed counter never saw until 2026-12-07, tester AU's F1).
            if (!SqlStates.isUnreachable(e)) {
                throw e;
            }
            if (metrics != null) {
                metrics.failedClosed();
            }
            throw new DecisionUnavailableException(e);
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
        long arrival = System.nanoTime();
        Instant now = clock.instant();
        try {
            return decideRetrying(q, recipients, changes.sync(arrival, probeDataSource, timeout), now);
        } catch (SQLException e) {
            throw new DecisionUnavailableException(e);
        }
    }

    /**
     * Decides for one recipient without holding the caller's thread while the change sequence is probed: the
     * question and the recipient's form are checked at once (their errors thrown here, in that order); the verdict
     * comes when a probe that started after this call has been applied — at once when one already was — or fails
     * with {@link DecisionUnavailableException} if the database cannot answer.
     */
    public CompletionStage<Verdict> decideOneAsync(DecisionInput in) {
        Question q = question(in.purpose(), in.channel());
        Recipient r = recipient(in);
        long arrival = System.nanoTime();
        Instant now = clock.instant();
        CompletableFuture<Long> synced = changes.syncAsync(arrival, probeDataSource);
        if (synced.isDone() && !synced.isCompletedExceptionally()) {
            // Answered on the caller's thread only from memory: a read of the database goes to the executor, under the
            // deadline, as below (on this thread a read that hung held the request past it: review 43).
            Verdict warm = fromMemory(q, r, now);
            if (warm != null) {
                return CompletableFuture.completedFuture(warm);
            }
        }
        // Completed by hand, not by thenApply: a failure reaches the caller as itself, not wrapped; and an executor
        // that refuses the answer (the server stopping) fails the decision instead of leaving it unanswered.
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        synced.whenComplete((seq, failure) -> {
            if (failure != null) {
                verdict.completeExceptionally(new DecisionUnavailableException(cause(failure)));
                return;
            }
            // A warm answer is computed here, on the probe's thread: a hand-off to the executor cost more (capturing
            // the thread context of each task) than the answer itself. One that must read the database goes to the
            // executor, so that the probe's other waiters are not queued behind its queries.
            try {
                Verdict warm = fromMemory(q, r, now);
                if (warm != null) {
                    verdict.complete(warm);
                    return;
                }
            } catch (RuntimeException e) {
                verdict.completeExceptionally(e);
                return;
            }
            try {
                executor.execute(() -> {
                    try {
                        verdict.complete(answer(q, r, seq, now));
                    } catch (RuntimeException e) {
                        verdict.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException e) {
                verdict.completeExceptionally(new DecisionUnavailableException(e));
            }
        });
        return withDeadline(verdict);
    }

    /**
     * The verdict, or its failure (503) once {@link #timeout} has passed without one: a probe or a read the database
     * holds keeps its thread, not the client. The timer's thread only hands the failure over to the server's own
     * threads, which answer the request.
     */
    private CompletionStage<Verdict> withDeadline(CompletableFuture<Verdict> verdict) {
        CompletableFuture<Verdict> answer = new CompletableFuture<>();
        verdict.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((v, failure) -> {
            if (failure == null) {
                answer.complete(v);
            } else if (failure instanceof TimeoutException) {
                DecisionUnavailableException late =
                        new DecisionUnavailableException(DecisionChanges.unanswered(timeout));
                try {
                    executor.execute(() -> answer.completeExceptionally(late));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(late);
                }
            } else {
                answer.completeExceptionally(failure);
            }
        });
        return answer;
    }

    /**
     * The verdict from this server's memory alone, once a probe after the question was applied: null when the
     * recipient's projection or the purpose's retirement must be read from the database first.
     */
    private Verdict fromMemory(Question q, Recipient r, Instant now) {
        Projection.Retired known = knownRetirement(q.purpose().key());
        Projection p = exact(projectionsOf(q), r);
        return known == null || p == null ? null : verdict(q, r, p, now, known.retired());
    }

    private Verdict answer(Question q, Recipient r, long seq, Instant now) {
        try {
            return decideRetrying(q, List.of(r), seq, now).get(0);
        } catch (SQLException e) {
            throw new DecisionUnavailableException(e);
        }
    }

    /**
     * {@link #decideAt} read again when the database chose its read as a deadlock's victim or timed it out: a read
     * changes nothing, and on Derby the facts' read of a contact a save is writing (the preference page, loaded while
     * the same person's form is saved) lost a deadlock now and then, answered 503 (2026-12-05). At most three reads.
     */
    private List<Verdict> decideRetrying(Question q, List<Recipient> recipients, long seq, Instant now)
            throws SQLException {
        return SqlStates.retryingTransient(3, () -> decideAt(q, recipients, seq, now));
    }

    /** The failure of a decision itself, not the wrapper a dependent stage of its future puts around it. */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The decisions once the change sequence has been probed at {@code seq} (at or after the question arrived). */
    private List<Verdict> decideAt(Question q, List<Recipient> recipients, long seq, Instant now) throws SQLException {
        boolean retired = retired(q.purpose().key(), seq);
        // By position, not in a map keyed by recipient: hashing every recipient of a warm bulk list cost more than
        // looking its projection up. Only the recipients to load are gathered (once each) in a set.
        Projection[] found = new Projection[recipients.size()];
        Set<Recipient> missing = new LinkedHashSet<>();
        Map<Key, Projection> projected = projectionsOf(q);
        for (int i = 0; i < found.length; i++) {
            Recipient r = recipients.get(i);
            if (r == null) {
                continue;
            }
            found[i] = exact(projected, r);
            if (found[i] == null) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            Map<Recipient, Projection> loaded = load(q, List.copyOf(missing), seq, now);
            for (int i = 0; i < found.length; i++) {
                if (found[i] == null && recipients.get(i) != null) {
                    found[i] = loaded.get(recipients.get(i));
                }
            }
        }
        List<Verdict> verdicts = new ArrayList<>(found.length);
        for (int i = 0; i < found.length; i++) {
            Recipient r = recipients.get(i);
            verdicts.add(r == null ? null : verdict(q, r, found[i], now, retired));
        }
        return verdicts;
    }

    /** Whether the purpose is retired, read from the database once per change of any purpose (token ALL). */
    private boolean retired(String purposeKey, long seq) throws SQLException {
        Projection.Retired known = knownRetirement(purposeKey);
        if (known != null) {
            return known.retired();
        }
        boolean retired;
        try (Connection c = dataSource.getConnection()) {
            retired = FactsLoader.retired(c, purposeKey);
        }
        retirements.put(purposeKey, new Projection.Retired(retired, seq));
        return retired;
    }

    /** The recipient's projection if this server holds it and no change since its load names it, else null. */
    private Projection exact(Map<Key, Projection> projected, Recipient r) {
        Projection p = projected.get(Key.of(r));
        return p != null
                        && changes.valid(p.loadedSeq(), p.token1(), p.token2())
                        && (p.token3() == null || changes.valid(p.loadedSeq(), p.token3(), p.token4()))
                ? p
                : null;
    }

    /** The purpose's retirement if known here and no purpose changed since it was read, else null. */
    private Projection.Retired knownRetirement(String purposeKey) {
        Projection.Retired known = retirements.get(purposeKey);
        return known != null && changes.valid(known.loadedSeq(), null, null) ? known : null;
    }

    /** Reads the facts of the recipients not projected (or no longer exactly) in a few set-based queries. */
    private Map<Recipient, Projection> load(Question q, List<Recipient> recipients, long seq, Instant now)
            throws SQLException {
        Map<Recipient, Projection> loaded = new HashMap<>();
        Map<Key, Projection> projected = projectionsOf(q);
        try (Connection c = dataSource.getConnection()) {
            Map<String, FactsLoader.Row> rows = FactsLoader.contacts(c, q.purpose(), q.channel(), recipients);
            Map<String, String> identifierHashes = new HashMap<>();
            Map<String, List<String>> markHashes = new HashMap<>();
            List<String> hashes = new ArrayList<>();
            List<String> withoutIdentifier = new ArrayList<>();
            List<UUID> capped = new ArrayList<>();
            for (FactsLoader.Row row : rows.values()) {
                String identifierHash = row.hashFor(q.channel(), hash);
                if (identifierHash != null) {
                    identifierHashes.put(row.id().toString(), identifierHash);
                    hashes.add(identifierHash);
                } else if (q.channel().identifier().isPresent()) {
                    withoutIdentifier.add(row.id().toString());
                }
                // Push and post: the ERASED mark of the person who left them, kept under the address and number they
                // came back with.
                List<String> marks = row.markHashesFor(q.channel());
                if (!marks.isEmpty()) {
                    markHashes.put(row.id().toString(), marks);
                    hashes.addAll(marks);
                }
                if (row.caps().containsKey(q.purpose().key())) {
                    capped.add(row.id());
                }
            }
            Map<String, List<Facts.Block>> blocks = FactsLoader.suppressions(c, q.channel(), hashes);
            // A contact with no identifier on the channel is held by the unsubscribes from everything it made there.
            Map<String, List<Facts.Block>> leftEverything =
                    FactsLoader.leftEverything(c, q.channel(), withoutIdentifier);
            // Every send of the longest window: a cap is counted at decision time, on the window ending then.
            Map<UUID, List<Instant>> sends = capped.isEmpty()
                    ? Map.of()
                    : FactsLoader.sends(c, q.purpose().key(), now.minus(FrequencyCap.Per.MONTH.window), capped);
            for (Recipient r : recipients) {
                FactsLoader.Row row = rows.get(r.kind() + ":" + r.value());
                Projection p;
                if (row == null) {
                    p = Projection.unknown(recipientToken(r), seq);
                } else {
                    String id = row.id().toString();
                    String identifierHash = identifierHashes.get(id);
                    List<String> marks = markHashes.getOrDefault(id, List.of());
                    List<Facts.Block> held = new ArrayList<>();
                    if (identifierHash != null) {
                        held.addAll(blocks.getOrDefault(identifierHash, List.of()));
                    } else {
                        held.addAll(leftEverything.getOrDefault(id, List.of()));
                    }
                    for (String mark : marks) {
                        held.addAll(blocks.getOrDefault(mark, List.of()));
                    }
                    p = Projection.of(
                            row,
                            q.purpose().key(),
                            identifierHash,
                            marks,
                            held,
                            sends.getOrDefault(row.id(), List.of()),
                            seq);
                }
                loaded.put(r, p);
                remember(projected, Key.of(r), p);
            }
        }
        return loaded;
    }

    /** What names an unknown recipient in the change log: its id, or the keyed hash of its email or phone. */
    private String recipientToken(Recipient r) {
        return r.kind() == Recipient.Kind.CONTACT_ID ? r.value() : hash.of(r.value());
    }

    /** A recipient in its question's projections: the kind and the normalized value, not the text as given. */
    private record Key(Recipient.Kind kind, String value) {
        static Key of(Recipient r) {
            return new Key(r.kind(), r.value());
        }
    }

    private Map<Key, Projection> projectionsOf(Question q) {
        return projections.computeIfAbsent(
                q.purpose().key() + '|' + q.channel().name(), question -> new ConcurrentHashMap<>());
    }

    /** How many projections this server keeps, all questions together. */
    int projected() {
        int kept = 0;
        for (Map<Key, Projection> question : projections.values()) {
            kept += question.size();
        }
        return kept;
    }

    /** Keeps a projection, making room first when the cache is full: memory is bounded whatever the list sizes. */
    private void remember(Map<Key, Projection> projected, Key key, Projection p) {
        if (projected() >= maxProjections) {
            int drop = Math.max(1, maxProjections / 10);
            for (Map<Key, Projection> question : projections.values()) {
                var it = question.keySet().iterator();
                while (drop > 0 && it.hasNext()) {
                    it.next();
                    it.remove();
                    drop--;
                }
            }
        }
        projected.put(key, p);
    }

    private Verdict verdict(Question q, Recipient r, Projection p, Instant now, boolean retired) {
        if (p.contactId() == null) {
            return new Verdict(
                    r,
                    null,
                    PolicyEngine.decide(
                            policies.forCountry(null),
                            Facts.unknown(q.purpose().key(), q.purpose().kind(), q.channel(), now)));
        }
        long sent = 0;
        if (p.cap() != null) {
            Instant since = now.minus(p.cap().per().window);
            for (Instant t : p.sends()) {
                if (!t.isBefore(since)) {
                    sent++;
                }
            }
        }
        Facts facts = new Facts(
                true,
                p.audience(),
                p.customer(),
                q.purpose().key(),
                q.purpose().kind(),
                q.purpose().isSimilarToPurchases(),
                q.channel(),
                p.state(),
                p.since(),
                p.blocks(),
                p.pausedUntil(),
                p.cap(),
                sent,
                now,
                p.stateByPerson(),
                p.preferredChannels(),
                p.lastActiveAt(),
                p.createdAt(),
                retention.cutoff(now),
                retired);
        Decision decision = PolicyEngine.decide(policies.forCountry(p.country()), facts);
        if (decision.allowed() && strangerOn(q.channel(), p)) {
            decision = Decision.deny(Rule.UNKNOWN_CONTACT);
        }
        return new Verdict(r, p.contactId(), decision);
    }

    /**
     * Whether a contact is a stranger on this channel: it reaches people through an email or a phone and we hold none
     * for the contact (asked by id after a CRM removed it, or on SMS for a contact known by email only). The sender
     * holds some address, whose suppressions, complaints and do-not-call entries cannot be checked: we cannot vouch
     * for it, not even for a service message, so what the rules would allow is refused as {@code UNKNOWN_CONTACT}
     * (a refusal keeps the rule that refused: the person's own word, read from the contact). Postal mail may go to an
     * address never given to us: it answers by its regime.
     */
    private static boolean strangerOn(Channel channel, Projection p) {
        return p.token2() == null
                && channel.identifier()
                        .filter(kind -> kind != IdentifierKind.POSTAL)
                        .isPresent();
    }

    /** The recipient a single decision names; an identifier of the wrong form is a 422 on its field. */
    private static Recipient recipient(DecisionInput in) {
        Recipient r = Recipient.of(in.by(), in.identifier());
        if (r == null) {
            throw new InvalidInputException(
                    in.by().field,
                    switch (in.by()) {
                        case CONTACT_ID -> "must be a UUID";
                        case EMAIL -> "is not an email address";
                        case PHONE ->
                            java.util.Objects.requireNonNullElse(
                                    PhoneNumbers.writtenAmiss(in.identifier()),
                                    "must be a phone number in international form (+…)");
                    });
        }
        return r;
    }
}
