package eu.consent.web.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads the console's forms (its resources take the fields as a map) as the recipients' pages read theirs: a broken
 * {@code %}-escape spoils its own field only, and a form past {@link FormBody#MAX_BYTES} is a 413. The runtime's own
 * reader threw on {@code password=%ZZ}: every console form, the sign-in included, answered a 500 (until 2026-12-06).
 */
@Provider
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class FormReader implements MessageBodyReader<MultivaluedMap<String, String>> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == MultivaluedMap.class;
    }

    @Override
    public MultivaluedMap<String, String> readFrom(
            Class<MultivaluedMap<String, String>> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            jakarta.ws.rs.core.MultivaluedMap<String, String> headers,
            InputStream body) {
        return FormBody.readForm(mediaType == null ? null : mediaType.toString(), body, FormBody.MAX_PREFERENCE_BYTES);
    }
}
