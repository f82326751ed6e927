package eu.consent.web.problem;

import eu.consent.shared.FieldError;
import eu.consent.shared.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Builds {@code application/problem+json} answers: type, title, status, detail, and field errors for validation. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType TYPE = MediaType.valueOf(MEDIA_TYPE);
    private static final String TYPE_PREFIX = "urn:consent:problem:";

    private final JsonObjectBuilder body = Jsons.createObjectBuilder();
    private final int status;

    private Problem(String slug, int status, String title, String detail) {
        this.status = status;
        body.add("type", TYPE_PREFIX + slug).add("title", title).add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
    }

    public static Problem of(String slug, int status, String title, String detail) {
        return new Problem(slug, status, title, detail);
    }

    /** A problem named after the HTTP status itself, for failures the HTTP layer detects. */
    public static Problem ofStatus(int status, String detail) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        return new Problem(slug(title), status, title, detail);
    }

    public Problem errors(List<FieldError> errors) {
        JsonArrayBuilder array = Jsons.createArrayBuilder();
        errors.forEach(e ->
                array.add(Jsons.createObjectBuilder().add("field", e.field()).add("message", e.message())));
        body.add("errors", array);
        return this;
    }

    public Problem with(Map<String, Object> extra) {
        extra.forEach((name, value) -> body.add(name, String.valueOf(value)));
        return this;
    }

    public Problem with(String name, String value) {
        body.add(name, value);
        return this;
    }

    public String json() {
        return body.build().toString();
    }

    public Response response() {
        return Response.status(status).type(TYPE).entity(json()).build();
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
