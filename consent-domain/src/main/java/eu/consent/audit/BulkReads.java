package eu.consent.audit;

import eu.consent.shared.Jsons;
import eu.consent.shared.Service;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;

/**
 * Audits every read of personal data in bulk (a re-permission list, an outbound opt-out file, an import's rejected
 * rows): who took which list, when, with which filters. The entry is written before the list is streamed, so a
 * download cut short is still on record.
 */
@Service
public class BulkReads {

    public static final String ACTION = "PERSONAL_DATA_READ";

    @Inject
    AuditLog audit;

    /**
     * @param list what was read, e.g. {@code reactivation-candidates}
     * @param subjectType the kind of thing the list belongs to, e.g. {@code import}, or {@code list}
     * @param subjectId its id, or null
     * @param parameters the request's filters, without personal data (an email or phone a client typed in one is
     *     masked by the caller: the audit is kept for ever, and no erasure reaches it)
     */
    public void record(String list, String subjectType, String subjectId, Map<String, String> parameters) {
        JsonObjectBuilder details = Jsons.createObjectBuilder().add("list", list);
        parameters.forEach((name, value) -> {
            if (value != null) {
                details.add(name, value);
            }
        });
        audit.append(ACTION, subjectType, subjectId, details.build().toString());
    }
}
