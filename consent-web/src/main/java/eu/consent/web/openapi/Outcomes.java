package eu.consent.web.openapi;

import java.util.Map;
import java.util.Set;

/**
 * What the scanner cannot see in a method that returns a {@code Response}: its success status, and the conflicts
 * (409) its domain service reports. Keyed by operation id ({@code Class_method}).
 */
final class Outcomes {

    static final Map<String, Integer> SUCCESS = Map.ofEntries(
            Map.entry("ContactResource_create", 201),
            Map.entry("ContactResource_activity", 204),
            Map.entry("ContactResource_erase", 204),
            Map.entry("ConsentResource_record", 201),
            Map.entry("PurposeResource_create", 201),
            Map.entry("PurposeResource_addNotice", 201),
            Map.entry("SuppressionResource_add", 201),
            Map.entry("SuppressionResource_delete", 204),
            Map.entry("SuppressionSourceResource_snapshot", 202),
            Map.entry("EspEventResource_report", 202),
            Map.entry("SendResource_report", 202),
            Map.entry("ImportResource_upload", 202),
            Map.entry("ImportResource_restart", 202),
            Map.entry("JobResource_start", 202),
            Map.entry("JobResource_restart", 202),
            Map.entry("JobResource_stop", 202),
            Map.entry("WebhookResource_subscribe", 201),
            Map.entry("WebhookResource_delete", 204),
            Map.entry("WebhookResource_redeliver", 202));

    /** Conflicts with the current state, beyond an Idempotency-Key still in use. */
    static final Map<String, String> CONFLICT = Map.of(
            "ContactResource_create", "the email or phone already belongs to a contact (existingId)",
            "ContactResource_patch", "the email or phone already belongs to another contact",
            "PurposeResource_create", "a purpose with this key exists",
            "SuppressionResource_delete", "the entry is not MANUAL: an opt-out made by the person stays",
            "SuppressionSourceResource_snapshot", "the snapshot would remove more than the guard share (force=true)",
            "WebhookResource_redeliver", "the delivery is still queued",
            "ImportResource_restart", "the import is not failed or stopped",
            "JobResource_restart", "the execution is not failed or stopped",
            "JobResource_stop", "the execution is not running");

    /**
     * Operations whose query, not their path, names something that may not exist (undocumented until 2026-12-07, tester
     * AM's F4).
     */
    static final Map<String, String> NOT_FOUND_BY_QUERY =
            Map.of("JobResource_executions", "no job of the name ?job= gives");

    /**
     * Operations whose body names something that may not exist: a contact by id, email or phone, a purpose (undocumented
     * until 2026-12-07, tester BC's F3).
     */
    static final Map<String, String> NOT_FOUND_BY_BODY = Map.of(
            "ContactResource_lookup", "no contact has this email or phone",
            "ConsentResource_record", "no contact has this contactId (an unknown purpose is a 422 on purpose)",
            "UnsubscribeLinkResource_create", "no contact has this contactId",
            "ReactivationLinkResource_create", "no contact has this contactId");

    /** Operations that answer 503 when the database cannot back a decision (they fail closed). */
    static final Set<String> FAIL_CLOSED = Set.of("DecisionResource_decide");

    private Outcomes() {}
}
