package eu.consent.imports;

import eu.consent.shared.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to read one uploaded file: its format, the CSV delimiter, the field of each CSV column (null: ignored), the
 * NDJSON member names renamed to fields, the values a row takes when it leaves a field empty, and the NDJSON members
 * that name no field but were {@code announced} in the upload's {@code ignoredColumns} (the first line's): a line may
 * carry those, and no other unknown member.
 */
public record ImportSettings(
        ImportFormat format,
        char delimiter,
        List<String> columns,
        Map<String, String> rename,
        Map<String, String> defaults,
        Set<String> announced) {

    public ImportSettings {
        columns = Collections.unmodifiableList(new ArrayList<>(columns));
        rename = Map.copyOf(rename);
        defaults = Map.copyOf(defaults);
        announced = Set.copyOf(announced);
    }

    /** Settings with nothing {@link #announced}. */
    public ImportSettings(
            ImportFormat format,
            char delimiter,
            List<String> columns,
            Map<String, String> rename,
            Map<String, String> defaults) {
        this(format, delimiter, columns, rename, defaults, Set.of());
    }

    String toJson() {
        return toJson(List.of());
    }

    /**
     * The settings as the import's row keeps them, with the header's columns this import ignores (what its progress
     * shows for as long as the import is kept, not only in the upload's answer).
     */
    String toJson(List<String> ignoredColumns) {
        JsonArrayBuilder ignored = Jsons.createArrayBuilder();
        ignoredColumns.forEach(ignored::add);
        JsonArrayBuilder cols = Jsons.createArrayBuilder();
        columns.forEach(c -> {
            if (c == null) {
                cols.addNull();
            } else {
                cols.add(c);
            }
        });
        JsonObjectBuilder r = Jsons.createObjectBuilder();
        rename.forEach(r::add);
        JsonObjectBuilder d = Jsons.createObjectBuilder();
        defaults.forEach(d::add);
        return Jsons.createObjectBuilder()
                .add("format", format.name())
                .add("delimiter", String.valueOf(delimiter))
                .add("columns", cols)
                .add("rename", r)
                .add("defaults", d)
                .add("ignored", ignored)
                .build()
                .toString();
    }

    /** The ignored columns {@link #toJson(List)} kept; none for an import recorded before they were kept. */
    static List<String> ignoredColumns(String json) {
        JsonObject o = Jsons.createReader(new StringReader(json)).readObject();
        if (!o.containsKey("ignored")) {
            return List.of();
        }
        return o.getJsonArray("ignored").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)
                .toList();
    }

    static ImportSettings fromJson(String json) {
        JsonObject o = Jsons.createReader(new StringReader(json)).readObject();
        List<String> columns = new ArrayList<>();
        o.getJsonArray("columns")
                .forEach(v -> columns.add(
                        v.getValueType() == JsonValue.ValueType.NULL
                                ? null
                                : ((jakarta.json.JsonString) v).getString()));
        Map<String, String> rename = new LinkedHashMap<>();
        o.getJsonObject("rename").forEach((k, v) -> rename.put(k, ((jakarta.json.JsonString) v).getString()));
        Map<String, String> defaults = new LinkedHashMap<>();
        o.getJsonObject("defaults").forEach((k, v) -> defaults.put(k, ((jakarta.json.JsonString) v).getString()));
        ImportFormat format = ImportFormat.valueOf(o.getString("format"));
        return new ImportSettings(
                format,
                o.getString("delimiter").charAt(0),
                columns,
                rename,
                defaults,
                format == ImportFormat.NDJSON ? Set.copyOf(ignoredColumns(json)) : Set.of());
    }
}
