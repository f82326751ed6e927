package eu.consent.web.openapi;

import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.ConsentState;
import eu.consent.consent.LegalBasis;
import eu.consent.contact.ActivityType;
import eu.consent.contact.Audience;
import eu.consent.eligibility.FrequencyCap;
import eu.consent.eligibility.Rule;
import eu.consent.optout.FeedbackReason;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKind;
import eu.consent.suppression.SuppressionReason;
import eu.consent.webhook.WebhookEvent;
import eu.consent.webhook.WebhookMessage;
import jakarta.batch.runtime.BatchStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The answers' words, in the document: the views carry enum values as strings (the scanner cannot see the domain's
 * enums in the EAR's lib/), so each such member of a view gets its enum from the Java enum the server writes it from —
 * a decision's rules (the contract's 22, and {@code OPT_OUT_REGIME}, which only an activated US policy answers), a
 * legal basis, a consent state — and a client generated from the document knows them.
 */
final class ViewVocabulary {

    /** The members that hold an enum's name, by view. */
    private static final Map<String, Map<String, Class<? extends Enum<?>>>> MEMBERS = Map.of(
            "DecisionView", Map.of("rule", Rule.class, "basis", LegalBasis.class),
            "ConsentEventView",
                    Map.of(
                            "action", ConsentAction.class,
                            "basis", LegalBasis.class,
                            "source", ConsentSource.class,
                            "channel", Channel.class,
                            "state", ConsentState.class),
            "ConsentStateView",
                    Map.of("state", ConsentState.class, "basis", LegalBasis.class, "channel", Channel.class),
            "ContactView", Map.of("audience", Audience.class),
            "PurposeView", Map.of("kind", PurposeKind.class),
            "PreferencesView", Map.of("channels", Channel.class),
            "SuppressionView", Map.of("channel", Channel.class, "reason", SuppressionReason.class),
            "CommentView",
                    Map.of(
                            "channel", Channel.class,
                            "reason", FeedbackReason.class,
                            "source", ConsentSource.class));

    /**
     * Members whose words are not an enum's names: a webhook event's wire name ({@code consent.changed}), an import's
     * or a job's status (the batch runtime's, and {@code STARTING} before its first step). Since 2026-12-07 (tester AK's
     * F3: typed as plain strings until then), with the enums below them.
     */
    private static final Map<String, Map<String, List<String>>> WORDS = Map.of(
            "WebhookView", Map.of("events", wireNames()),
            "WebhookInput", Map.of("events", wireNames()),
            "DeliveryView", Map.of("type", wireNames(), "status", names(WebhookMessage.Status.class)),
            "ImportView", Map.of("status", withStarting()),
            "JobExecutionView", Map.of("status", names(BatchStatus.class)),
            "JobRunView", Map.of("status", names(BatchStatus.class)),
            "StepView", Map.of("status", names(BatchStatus.class)),
            "ActivityView", Map.of("type", names(ActivityType.class)),
            "CapView", Map.of("per", names(FrequencyCap.Per.class)),
            "UnsubscribeLinkInput", Map.of("channel", names(Channel.class)));

    private static List<String> names(Class<? extends Enum<?>> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    private static List<String> wireNames() {
        return java.util.Arrays.stream(WebhookEvent.values())
                .map(WebhookEvent::wireName)
                .toList();
    }

    private static List<String> withStarting() {
        List<String> statuses = new ArrayList<>(List.of("STARTING"));
        names(BatchStatus.class).stream().filter(s -> !statuses.contains(s)).forEach(statuses::add);
        return statuses;
    }

    /** Members that are null where the answer has none (a refusal relies on no legal basis; a comment may come alone). */
    private static final Set<String> NULLABLE =
            Set.of("DecisionView.basis", "CommentView.reason", "ConsentStateView.basis");

    private ViewVocabulary() {}

    static void complete(Map<String, Schema> schemas) {
        if (schemas == null) {
            return;
        }
        schemas.forEach((name, schema) -> {
            // The scanner numbers a second class of the same simple name (SuppressionView1).
            String view = name.replaceAll("\\d+$", "");
            Map<String, List<String>> members = new java.util.HashMap<>(WORDS.getOrDefault(view, Map.of()));
            MEMBERS.getOrDefault(view, Map.of()).forEach((member, type) -> members.put(member, names(type)));
            if (members.isEmpty() || schema.getProperties() == null) {
                return;
            }
            members.forEach((member, words) -> {
                Schema property = schema.getProperties().get(member);
                // A list of them (a person's preferred channels) names its items'.
                if (property != null && property.getType() == Schema.SchemaType.ARRAY && property.getItems() != null) {
                    property = property.getItems();
                }
                if (property != null) {
                    property.setEnumeration(new ArrayList<>(words));
                    if (NULLABLE.contains(name + "." + member)) {
                        property.setNullable(true);
                    }
                }
            });
        });
    }
}
