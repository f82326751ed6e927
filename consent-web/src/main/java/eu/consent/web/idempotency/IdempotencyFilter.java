package eu.consent.web.idempotency;

import eu.consent.idempotency.IdempotencyStore;
import eu.consent.idempotency.IdempotencySubjects;
import eu.consent.idempotency.IdempotentAnswer;
import eu.consent.shared.ConflictException;
import eu.consent.shared.Hashing;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.web.problem.Problem;
import eu.consent.webhook.SecretVault;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays the first answer to a write made with the same {@code Idempotency-Key} (per caller, method and path) and
 * the same body and query; the same key with another body or another query is a 422 (the query's parameters in any
 * order are the same query). The key is reserved before the request runs, so a concurrent
 * retry with it gets a 409 instead of running twice. Only successful answers are kept (with the contact they are about,
 * and a batch's with every person it named, so that an erasure forgets them); a failed request frees its key, which may
 * then be retried. A streamed upload
 * ({@link Idempotent#streamed()}) is hashed while the endpoint reads it, and its answer kept with that hash.
 */
@Provider
@Idempotent
@Priority(Priorities.USER)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final String SCOPE = IdempotencyFilter.class.getName() + ".scope";
    private static final String DIGEST = IdempotencyFilter.class.getName() + ".digest";
    private static final String ASKED_ABOUT = IdempotencyFilter.class.getName() + ".contact";
    private static final String BATCH = IdempotencyFilter.class.getName() + ".batch";
    /** The request hash a streamed upload's key is reserved with until its body has been read. */
    private static final String UNREAD = "0".repeat(64);

    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class.getName());
    private static final int MAX_KEY = 200;
    private static final Pattern CONTACT_PATH = Pattern.compile("api/v1/contacts/([0-9a-fA-F-]{36})(/|$)");
    private static final Pattern CONTACTS = Pattern.compile("/?api/v1/contacts/?");

    @Inject
    IdempotencyStore store;

    @Inject
    Jsonb jsonb;

    /** Seals a webhook's signing secret in a kept answer, and opens it for the replay. */
    @Inject
    SecretVault vault;

    /** The only answers that carry a signing secret: a webhook's creation and its rotation. */
    private static final String WEBHOOKS = "api/v1/webhooks";

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new InvalidInputException(HEADER, "must be 1 to " + MAX_KEY + " characters");
        }
        Principal caller = request.getSecurityContext().getUserPrincipal();
        String scope = scopeOf(caller, request.getMethod(), request.getUriInfo().getPath(), key);
        Idempotent marked = resource.getResourceMethod().getAnnotation(Idempotent.class);
        if (marked != null && marked.streamed()) {
            claimStreamed(request, scope);
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        String bodyHash = HexFormat.of().formatHex(sha256().digest(body));
        IdempotencyStore.Claim claim =
                claim(scope, fingerprint(bodyHash, request.getUriInfo().getQueryParameters()));
        if (claim instanceof IdempotencyStore.Claim.Reserved) {
            request.setProperty(SCOPE, scope);
            String askedAbout = contactIdIn(body);
            if (askedAbout != null) {
                request.setProperty(ASKED_ABOUT, askedAbout);
            }
            if (isArray(body)) {
                request.setProperty(BATCH, body);
            }
            return;
        }
        replayOrRefuse(request, ((IdempotencyStore.Claim.Answered) claim).answer(), bodyHash);
    }

    /**
     * The scope a key is kept under: the same key of another caller, method or path is another key. An upload's
     * resource names it to its job, which links the people the rows name to the answer as it reads them.
     */
    public static String scopeOf(Principal caller, String method, String path, String key) {
        return Hashing.sha256Hex((caller == null ? "" : caller.getName()) + "\n" + method + "\n" + path + "\n" + key);
    }

    /**
     * The key of an upload is reserved before its body is read; the endpoint then reads it through a digest. A retry
     * with an answered key reads its whole body (within the upload limit) to compare it with the first.
     */
    private void claimStreamed(ContainerRequestContext request, String scope) throws IOException {
        MessageDigest digest = sha256();
        InputStream body = new DigestInputStream(request.getEntityStream(), digest);
        IdempotencyStore.Claim claim = claim(scope, UNREAD);
        if (claim instanceof IdempotencyStore.Claim.Reserved) {
            request.setEntityStream(body);
            request.setProperty(SCOPE, scope);
            request.setProperty(DIGEST, digest);
            return;
        }
        body.transferTo(OutputStream.nullOutputStream());
        replayOrRefuse(
                request,
                ((IdempotencyStore.Claim.Answered) claim).answer(),
                HexFormat.of().formatHex(digest.digest()));
    }

    /** Reserved or answered: a request still running with the key is a 409. */
    private IdempotencyStore.Claim claim(String scope, String requestHash) {
        IdempotencyStore.Claim claim = store.claim(scope, requestHash);
        if (claim instanceof IdempotencyStore.Claim.Running) {
            throw new ConflictException("a request with this " + HEADER + " is still running; retry once it answered");
        }
        return claim;
    }

    /**
     * What makes two requests with one key the same request: the body's hash and the query, its names sorted (the
     * values of one name in their order, which the endpoint reads). Never the body's hash alone, which is what a
     * version that did not compare queries stored: {@link #sameRequest} tells the two apart by it.
     */
    static String fingerprint(String bodyHash, Map<String, List<String>> query) {
        StringBuilder text = new StringBuilder("query:");
        new TreeMap<>(query).forEach((name, values) -> {
            for (String value : values) {
                text.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        });
        return Hashing.sha256Hex(text.append("\nbody:").append(bodyHash).toString());
    }

    /**
     * True when the first request was this one. An answer kept before queries were compared holds its body's hash
     * alone: that request's query is unknown, and a retry with the same body is replayed as it was then.
     */
    static boolean sameRequest(String kept, String bodyHash, Map<String, List<String>> query) {
        return kept.equals(fingerprint(bodyHash, query)) || kept.equals(bodyHash);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private void replayOrRefuse(ContainerRequestContext request, IdempotentAnswer first, String bodyHash) {
        if (first.erased()) {
            // a retry must neither run again (a creation would re-create the person) nor give their data back
            request.abortWith(Response.fromResponse(Problem.ofStatus(
                                    first.status(),
                                    "the person this request was about has been erased since; its answer is no longer"
                                            + " kept")
                            .response())
                    .header("Idempotent-Replayed", "true")
                    .build());
            return;
        }
        if (!sameRequest(first.requestHash(), bodyHash, request.getUriInfo().getQueryParameters())) {
            throw new InvalidInputException(HEADER, "was already used with another request body or query");
        }
        Response.ResponseBuilder replay = Response.status(first.status()).header("Idempotent-Replayed", "true");
        // A first answer without a body (a 204, a stop's 202) is replayed without one, and without a media type: until
        // 2026-12-07 a replayed 204 said Content-Type: application/json (tester AK's F5).
        if (first.body() != null && !first.body().isEmpty()) {
            replay.entity(
                            request.getUriInfo()
                                            .getPath()
                                            .replaceFirst("^/", "")
                                            .startsWith(WEBHOOKS)
                                    ? withSecret(first.body(), vault)
                                    : first.body())
                    .type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (first.location() != null) {
            replay.header("Location", first.location());
        }
        request.abortWith(replay.build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object scope = request.getProperty(SCOPE);
        if (scope == null) {
            return;
        }
        try {
            if (response.getStatus() < 200 || response.getStatus() > 299) {
                store.release((String) scope);
                return;
            }
            Object entity = response.getEntity();
            String body =
                    sealingSecret(entity == null ? null : entity instanceof String s ? s : jsonb.toJson(entity), vault);
            Object location = response.getHeaders().getFirst("Location");
            Object digest = request.getProperty(DIGEST);
            store.keep(
                    (String) scope,
                    digest == null
                            ? null
                            : fingerprint(
                                    HexFormat.of().formatHex(((MessageDigest) digest).digest()),
                                    request.getUriInfo().getQueryParameters()),
                    response.getStatus(),
                    location == null ? null : location.toString(),
                    body,
                    contactOf(request.getUriInfo().getPath(), body, (String) request.getProperty(ASKED_ABOUT)),
                    namedBy((byte[]) request.getProperty(BATCH)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep the answer of an idempotent request; a retry will run again", e);
            try {
                store.release((String) scope);
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "could not free an idempotency key; it frees itself after its timeout", again);
            }
        }
    }

    /**
     * The answer as it may be kept: a signing secret (a webhook's creation or rotation) is never stored in clear. It is
     * kept sealed as the subscription's own secret is ({@link SecretVault}, the subscription's id as authenticated
     * data), {@code "secret":{"sealed":"aes:…"}}, so that a replay gives the first answer back whole: a client retries
     * because it lost that answer, and until 2026-12-06 the replay said {@code "secret": null}, leaving it a
     * subscription whose deliveries it could not verify. An answer with a secret but no id keeps {@code null}.
     */
    static String sealingSecret(String body, SecretVault vault) {
        if (body == null || !body.contains("\"secret\"")) {
            return body;
        }
        try {
            if (Jsons.readStrict(body) instanceof JsonObject answer
                    && answer.get("secret") instanceof JsonString secret) {
                JsonObjectBuilder kept = Jsons.createObjectBuilder(answer);
                if (answer.get("id") instanceof JsonString id) {
                    kept.add(
                            "secret",
                            Jsons.createObjectBuilder().add("sealed", vault.seal(id.getString(), secret.getString())));
                } else {
                    kept.addNull("secret");
                }
                return kept.build().toString();
            }
        } catch (RuntimeException e) {
            // Not the JSON it seemed: keep no answer (the key is freed, a retry runs again) rather than what might hold
            // a secret in clear.
            throw new IllegalStateException("an answer naming a secret could not be read to keep it sealed", e);
        }
        return body;
    }

    /**
     * A kept answer as it is replayed: a sealed secret opened again ({@link #sealingSecret}); {@code null} when it no
     * longer opens (its key left the ring since).
     */
    static String withSecret(String body, SecretVault vault) {
        if (body == null || !body.contains("\"sealed\"")) {
            return body;
        }
        if (Jsons.readStrict(body) instanceof JsonObject answer
                && answer.get("secret") instanceof JsonObject secret
                && secret.get("sealed") instanceof JsonString sealed
                && answer.get("id") instanceof JsonString id) {
            JsonObjectBuilder replayed = Jsons.createObjectBuilder(answer);
            if (vault.opens(id.getString(), sealed.getString())) {
                replayed.add("secret", vault.open(id.getString(), sealed.getString()));
            } else {
                replayed.addNull("secret");
            }
            return replayed.build().toString();
        }
        return body;
    }

    /**
     * The contact an answer is about: named by the path, or the answer's contactId, or the id of a new contact, or the
     * contactId the request named (an unsubscribe or "keep me" link answers with tokens that encode it, which a search
     * of the kept bodies for the id would not find when the person is erased).
     */
    static String contactOf(String path, String body, String askedAbout) {
        Matcher inPath = CONTACT_PATH.matcher(path);
        if (inPath.find()) {
            return inPath.group(1).toLowerCase(java.util.Locale.ROOT);
        }
        if (body == null || !body.startsWith("{")) {
            return askedAbout;
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
            JsonObject answer = reader.readObject();
            if (answer.get("contactId") instanceof JsonString id) {
                return id.getString();
            }
            if (CONTACTS.matcher(path).matches() && answer.get("id") instanceof JsonString id) {
                return id.getString();
            }
            return askedAbout;
        } catch (RuntimeException e) {
            return askedAbout;
        }
    }

    /**
     * The people a batch request names (its elements' contactId, email, phone), read only once it succeeded: the
     * answer, a count, names no one, and an erasure of any of them must forget it.
     */
    static java.util.Set<String> namedBy(byte[] batch) {
        if (batch == null) {
            return java.util.Set.of();
        }
        try {
            return IdempotencySubjects.namedBy(Jsons.readStrict(new String(batch, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            return java.util.Set.of(); // not JSON: the endpoint refused it, and nothing is kept
        }
    }

    /** Whether the body is a JSON array (a batch), by its first character that is not white space. */
    static boolean isArray(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '[';
            }
        }
        return false;
    }

    /** The contactId a request's JSON object names, or null (another document, or none). */
    static String contactIdIn(byte[] body) {
        if (body.length == 0 || body.length > 16_384) {
            return null;
        }
        try {
            return Jsons.readStrict(new String(body, StandardCharsets.UTF_8)) instanceof JsonObject request
                            && request.get("contactId") instanceof JsonString id
                    ? id.getString().strip().toLowerCase(java.util.Locale.ROOT)
                    : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
