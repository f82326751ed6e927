package eu.consent.web.openapi;

import eu.consent.audit.AuditVerification;
import eu.consent.web.contact.AccessExportView;
import eu.consent.web.optout.StatsResource;
import eu.consent.web.optout.SuppressionSourceResource;
import eu.consent.web.purpose.PurposeView;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The shapes of what the views hold from the domain (the access export's sends, messages, disclosures…, the opt-out
 * statistics' buckets, a purpose's channels, a snapshot's report): the scanner does not see the EAR's lib/, and left them {@code {}}, which a
 * generated client reads as untyped objects (until 2026-12-06). Each such member is described from the Java record or
 * enum the server writes it from.
 */
final class RecordShapes {

    /** The views whose members may hold the domain's records, by schema name. */
    private static final Map<String, Class<? extends Record>> VIEWS = Map.of(
            "AccessExportView", AccessExportView.class,
            "OptOutCounts", StatsResource.OptOutCounts.class,
            "PurposeView", PurposeView.class,
            "Accepted", SuppressionSourceResource.Accepted.class,
            "AuditVerification", AuditVerification.class);

    private RecordShapes() {}

    static void complete(Map<String, Schema> schemas) {
        if (schemas == null) {
            return;
        }
        VIEWS.forEach((name, view) -> {
            Schema schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            for (RecordComponent member : view.getRecordComponents()) {
                Schema property = schema.getProperties().get(member.getName());
                if (property != null && unshaped(property)) {
                    schema.addProperty(member.getName(), shapeOf(member.getGenericType()));
                }
            }
        });
    }

    /** An empty schema, an array of empty items, or an object with nothing said of its members. */
    private static boolean unshaped(Schema property) {
        if (property.getType() == Schema.SchemaType.ARRAY) {
            Schema items = property.getItems();
            return items == null || (items.getType() == null && items.getRef() == null);
        }
        return (property.getType() == null || property.getType() == Schema.SchemaType.OBJECT)
                && property.getRef() == null
                && property.getProperties() == null
                && property.getAdditionalPropertiesSchema() == null
                && property.getAdditionalPropertiesBoolean() == null
                && property.getDescription() == null;
    }

    /** The schema of a Java type a view member holds. */
    static Schema shapeOf(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return OASFactory.createSchema()
                    .type(Schema.SchemaType.ARRAY)
                    .items(shapeOf(p.getActualTypeArguments()[0]));
        }
        Class<?> c = (Class<?>) (type instanceof ParameterizedType p ? p.getRawType() : type);
        if (c == String.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING);
        }
        if (c == UUID.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("uuid");
        }
        if (c == Instant.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time");
        }
        if (c == LocalDate.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date");
        }
        if (c == int.class || c == Integer.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int32");
        }
        if (c == long.class || c == Long.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64");
        }
        if (c == double.class || c == Double.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.NUMBER).format("double");
        }
        if (c == boolean.class || c == Boolean.class) {
            return OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN);
        }
        if (c.isEnum()) {
            List<Object> values = new ArrayList<>();
            for (Object value : c.getEnumConstants()) {
                values.add(((Enum<?>) value).name());
            }
            return OASFactory.createSchema().type(Schema.SchemaType.STRING).enumeration(values);
        }
        if (c.isRecord()) {
            Schema object = OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
            for (RecordComponent member : c.getRecordComponents()) {
                object.addProperty(member.getName(), shapeOf(member.getGenericType()));
            }
            return object;
        }
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
    }
}
