package eu.consent.web.openapi;

import eu.consent.web.idempotency.Idempotent;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes each operation of the scanned document from the annotations the server enforces, so that the document
 * cannot promise another role or forget a problem answer: {@code x-roles} from {@code @RolesAllowed} and 401/403 on
 * every API operation, 406 where {@code @Produces} narrows what an {@code Accept} may ask for and every produced type
 * on the 200, {@code security: []} and the answers JAX-RS gives on the public pages ({@link PublicAnswers}), the
 * {@code Idempotency-Key} header and its 409/422 from {@code @Idempotent}, 400/413/415/422 where a body is read, 404
 * where a path names something, the success status of methods that build their {@code Response}; every API error as
 * {@code application/problem+json}. Registered as {@code mp.openapi.filter}.
 */
public class TruthFilter implements OASFilter {

    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSchema("Problem", problemSchema());
        ViewVocabulary.complete(api.getComponents().getSchemas());
        RecordShapes.complete(api.getComponents().getSchemas());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((verb, operation) -> complete(path, verb, operation)));
    }

    private void complete(String path, PathItem.HttpMethod verb, Operation operation) {
        Optional<Method> method = JavaMethods.of(operation.getOperationId(), verb);
        String id = operation.getOperationId();
        if (path.startsWith("/console")) {
            // The operators' console signs its users in with its own form and session, not HTTP Basic.
            operation.addExtension("x-auth", "console session (sign in at /console/login)");
            return;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        if (!path.startsWith("/api/")) {
            // A recipient's page (or the receipts' public keys): its token is the credential.
            operation.setSecurity(new ArrayList<>());
            PublicAnswers.complete(path, operation, method);
            return;
        }
        APIResponses responses = operation.getResponses();
        success(id, responses);
        method.ifPresent(m -> representations(m, responses));
        List<String> roles = method.map(TruthFilter::roles).orElse(List.of());
        if (!roles.isEmpty()) {
            operation.addExtension("x-roles", roles);
            String note = "Roles: " + String.join(", ", roles) + ".";
            Map<String, List<String>> byType =
                    method.map(TruthFilter::rolesByType).orElse(Map.of());
            if (!byType.isEmpty()) {
                // One path answered by methods of different roles per representation: say which role gets which.
                operation.addExtension("x-roles-by-type", byType);
                List<String> each = new ArrayList<>();
                byType.forEach((type, who) -> each.add(type + ": " + String.join(", ", who)));
                note += " By representation (Accept): " + String.join("; ", each) + ".";
            }
            operation.setDescription(
                    operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
        }
        // Every /api/v1 request authenticates (web.xml), and a browser page of another site is refused whatever the
        // role.
        problem(responses, 401, "no or wrong credentials");
        problem(
                responses,
                403,
                "the caller's role may not do this, or the request came from a page of another site (Sec-Fetch-Site,"
                        + " Origin)");
        if (method.map(Endpoints::refusesOtherAccept).orElse(false)) {
            problem(
                    responses,
                    406,
                    "the Accept header names none of the types this operation answers with ("
                            + String.join(", ", Endpoints.produced(method.get())) + "); application/problem+json"
                            + " alone is taken as asking for errors, not refusing the answer");
        }
        boolean readsBody = operation.getRequestBody() != null;
        if (readsBody) {
            example(id, operation);
            if (method.map(m -> consumes(m).stream().anyMatch(t -> t.contains("json")))
                    .orElse(true)) {
                problem(responses, 400, "malformed JSON");
            }
            problem(responses, 413, "the body is larger than the server accepts");
            if (method.map(Endpoints::refusesOtherTypes).orElse(true)) {
                problem(responses, 415, "a media type the operation does not read");
            }
        }
        boolean writes = verb != PathItem.HttpMethod.GET && verb != PathItem.HttpMethod.HEAD;
        if (!readsBody && writes) {
            // A write that takes no body still reads one sent to it, to refuse it: until 2026-12-07 the document left
            // these out (tester AK's F3).
            problem(responses, 400, "a body was sent, and it is not valid JSON (this operation takes none)");
            problem(responses, 415, "a body of a type other than JSON was sent (this operation takes none)");
            problem(responses, 413, "a body larger than the server accepts was sent (this operation takes none)");
        }
        // Every /api/v1 operation refuses a query parameter it does not know (RequestChecks), a body's rule or not;
        // one description names every reason the operation has.
        boolean idempotent =
                method.map(m -> m.isAnnotationPresent(Idempotent.class)).orElse(false);
        problem(
                responses,
                422,
                "a value breaks a rule, or a query parameter is unknown"
                        + (idempotent ? ", or the Idempotency-Key was used with another body" : "")
                        + "; errors name each field");
        if (path.contains("{")) {
            problem(responses, 404, "nothing with this id");
        } else if (Outcomes.NOT_FOUND_BY_QUERY.containsKey(id)) {
            problem(responses, 404, Outcomes.NOT_FOUND_BY_QUERY.get(id));
        } else if (Outcomes.NOT_FOUND_BY_BODY.containsKey(id)) {
            problem(responses, 404, Outcomes.NOT_FOUND_BY_BODY.get(id));
        }
        if (idempotent) {
            operation.addParameter(OASFactory.createParameter()
                    .name("Idempotency-Key")
                    .in(Parameter.In.HEADER)
                    .required(false)
                    .description("Replays the first answer to the same key with the same body; the same key with"
                            + " another body is a 422, while the first request still runs a 409")
                    .schema(OASFactory.createSchema()
                            .type(Schema.SchemaType.STRING)
                            .maxLength(200)));
            problem(
                    responses,
                    409,
                    Outcomes.CONFLICT.getOrDefault(id, "a request with this Idempotency-Key is running"));
            problem(
                    responses,
                    410,
                    "the Idempotency-Key's first request was about a person erased since: its answer is not replayed");
            responses.getAPIResponses().forEach((code, response) -> {
                if (code.startsWith("2")) {
                    response.addHeader(
                            "Idempotent-Replayed",
                            OASFactory.createHeader()
                                    .description("true when this is the first answer to the same Idempotency-Key"
                                            + " and body, replayed")
                                    .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING)));
                }
            });
        } else if (Outcomes.CONFLICT.containsKey(id)) {
            problem(responses, 409, Outcomes.CONFLICT.get(id));
        }
        if (Outcomes.FAIL_CLOSED.contains(id)) {
            problem(responses, 503, "the database cannot answer: no decision, nothing may be sent (Retry-After)");
        } else {
            // Any request meets a database that does not answer (a deadlock, a lock time-out, a lost connection, a
            // server started without it): until 2026-12-07 only the decision listed it (tester BC's F3).
            problem(
                    responses,
                    503,
                    "the database did not answer (a deadlock, a lock time-out, a lost connection, a server started"
                            + " without it): nothing was done; try again after Retry-After");
        }
        // Any operation: a path the server will not decode, a query holding a character that may not stand unescaped
        // (400), a Content-Type header that is no media type (415); until 2026-12-07 the reads left them out (tester
        // BD's F10).
        problem(
                responses,
                400,
                "a path the server will not decode (an encoded /, \\, . or #, bytes that are not UTF-8), or a query"
                        + " holding a character that may not stand unescaped");
        problem(responses, 415, "a Content-Type header that is no media type");
        problem(responses, 500, "an unexpected error, logged under the instance id of the problem");
        problemsOnly(responses);
        pagingDescriptions(operation);
    }

    /**
     * Every error of the API is a problem document (the mappers, the security error page, the filters all answer one):
     * an error response documented by hand with another type, or none, is corrected rather than trusted.
     */
    private static void problemsOnly(APIResponses responses) {
        responses.getAPIResponses().forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5"))
                    && (response.getContent() == null
                            || response.getContent().getMediaTypes() == null
                            || !response.getContent().getMediaTypes().keySet().equals(java.util.Set.of(PROBLEM)))) {
                response.setContent(problemContent());
            }
        });
    }

    private static void example(String id, Operation operation) {
        Object example = Examples.of(id);
        if (example == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        operation.getRequestBody().getContent().getMediaTypes().forEach((type, m) -> {
            if (m.getExample() == null) {
                m.setExample(Examples.of(id, type));
            }
        });
    }

    /** Keeps the success status the method really answers, with the scanned content moved onto it. */
    private static void success(String id, APIResponses responses) {
        Integer code = Outcomes.SUCCESS.get(id);
        if (code == null || responses.getAPIResponses() == null) {
            return;
        }
        APIResponse scanned = null;
        for (Map.Entry<String, APIResponse> e :
                Map.copyOf(responses.getAPIResponses()).entrySet()) {
            if (e.getKey().startsWith("2") && !e.getKey().equals(code.toString())) {
                scanned = e.getValue();
                responses.removeAPIResponse(e.getKey());
            }
        }
        if (!responses.hasAPIResponse(code.toString())) {
            APIResponse response = OASFactory.createAPIResponse()
                    .description(
                            switch (code) {
                                case 201 -> "Created";
                                case 202 -> "Accepted";
                                default -> "No Content";
                            });
            if (code != 204 && scanned != null) {
                response.setContent(scanned.getContent());
            }
            responses.addAPIResponse(code.toString(), response);
        }
    }

    /**
     * A 200 lists every type the endpoint answers with: a 200 built as a {@code Response} (a stream: CSV, NDJSON, a
     * JWS) carries no schema the scanner could see, and a path served by two methods (a JSON page and a CSV file of the
     * same list) is scanned as one of them only. Types without a schema are named at least, so that a client asks for
     * them and knows the answer has a body.
     */
    static void representations(Method m, APIResponses responses) {
        APIResponse ok = responses.getAPIResponse("200");
        if (ok == null) {
            return;
        }
        if (ok.getContent() == null) {
            ok.setContent(OASFactory.createContent());
        }
        for (String type : Endpoints.produced(m)) {
            if (!type.equals(jakarta.ws.rs.core.MediaType.WILDCARD)
                    && !ok.getContent().hasMediaType(type)) {
                ok.getContent().addMediaType(type, OASFactory.createMediaType());
            }
        }
        if (ok.getContent().getMediaTypes() == null
                || ok.getContent().getMediaTypes().isEmpty()) {
            ok.setContent(null);
        }
    }

    private static void pagingDescriptions(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter p : operation.getParameters()) {
            if (p.getIn() == Parameter.In.QUERY && "limit".equals(p.getName()) && p.getDescription() == null) {
                p.setDescription("page size, 1 to 1000 (default 50)");
            } else if (p.getIn() == Parameter.In.QUERY && "after".equals(p.getName()) && p.getDescription() == null) {
                p.setDescription("the cursor of the next page: the previous page's \"next\"");
            }
        }
    }

    /** Adds a problem+json answer with this status unless the operation documents one already. */
    static void problem(APIResponses responses, int status, String description) {
        String code = Integer.toString(status);
        if (responses.hasAPIResponse(code)) {
            return;
        }
        responses.addAPIResponse(
                code, OASFactory.createAPIResponse().description(description).content(problemContent()));
    }

    static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        PROBLEM,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    /**
     * The roles of the method, and of its siblings serving the same path and verb in another representation (a CSV
     * and a JSON list may admit different roles): every role that can get an answer other than 403.
     */
    private static List<String> roles(Method m) {
        java.util.Set<String> all = new java.util.TreeSet<>();
        for (Method sibling : Endpoints.siblings(m)) {
            all.addAll(ownRoles(sibling));
        }
        return List.copyOf(all);
    }

    /** The roles of each produced type, when the methods behind one path and verb differ in roles; else empty. */
    private static Map<String, List<String>> rolesByType(Method m) {
        Map<String, List<String>> byType = new java.util.TreeMap<>();
        java.util.Set<List<String>> distinct = new java.util.HashSet<>();
        for (Method sibling : Endpoints.siblings(m)) {
            List<String> own = ownRoles(sibling).stream().sorted().toList();
            distinct.add(own);
            Produces produces = sibling.getAnnotation(Produces.class);
            if (produces != null) {
                Arrays.stream(produces.value())
                        .flatMap(v -> Arrays.stream(v.split(",")))
                        .map(String::strip)
                        .forEach(type -> byType.put(type, own));
            }
        }
        return distinct.size() > 1 ? byType : Map.of();
    }

    private static List<String> ownRoles(Method m) {
        RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
        if (roles == null && !m.isAnnotationPresent(PermitAll.class)) {
            roles = m.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? List.of() : List.of(roles.value());
    }

    private static List<String> consumes(Method m) {
        Consumes c = m.getAnnotation(Consumes.class);
        if (c == null) {
            c = m.getDeclaringClass().getAnnotation(Consumes.class);
        }
        return c == null ? List.of() : Arrays.asList(c.value());
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .type(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("title", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().type(Schema.SchemaType.STRING))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .type(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema()
                                        .type(Schema.SchemaType.OBJECT)
                                        .addProperty(
                                                "field",
                                                OASFactory.createSchema().type(Schema.SchemaType.STRING))
                                        .addProperty(
                                                "message",
                                                OASFactory.createSchema().type(Schema.SchemaType.STRING))));
    }

    /** The JAX-RS annotation of a verb. */
    static Class<? extends Annotation> annotationOf(PathItem.HttpMethod verb) {
        return switch (verb) {
            case GET -> GET.class;
            case POST -> POST.class;
            case PUT -> PUT.class;
            case DELETE -> DELETE.class;
            case PATCH -> PATCH.class;
            case HEAD -> HEAD.class;
            default -> null;
        };
    }
}
