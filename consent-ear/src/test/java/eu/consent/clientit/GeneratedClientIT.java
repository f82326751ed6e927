package eu.consent.clientit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.consent.openapi.client.ApiClient;
import eu.consent.openapi.client.ApiException;
import eu.consent.openapi.client.api.AuditApi;
import eu.consent.openapi.client.api.BatchJobsApi;
import eu.consent.openapi.client.api.ConsentsApi;
import eu.consent.openapi.client.api.ContactsApi;
import eu.consent.openapi.client.api.DecisionsApi;
import eu.consent.openapi.client.api.ImportsAndExportsApi;
import eu.consent.openapi.client.api.OptOutApi;
import eu.consent.openapi.client.api.PurposesAndNoticesApi;
import eu.consent.openapi.client.api.RecipientsPagesApi;
import eu.consent.openapi.client.api.RetentionApi;
import eu.consent.openapi.client.api.StatisticsApi;
import eu.consent.openapi.client.model.Accepted;
import eu.consent.openapi.client.model.AccessExportView;
import eu.consent.openapi.client.model.ActivityInput;
import eu.consent.openapi.client.model.ConsentEventView;
import eu.consent.openapi.client.model.ConsentInput;
import eu.consent.openapi.client.model.ConsentStateView;
import eu.consent.openapi.client.model.ContactInput;
import eu.consent.openapi.client.model.ContactView;
import eu.consent.openapi.client.model.DecisionInput;
import eu.consent.openapi.client.model.DecisionView;
import eu.consent.openapi.client.model.EspEventInput;
import eu.consent.openapi.client.model.ImportView;
import eu.consent.openapi.client.model.JobExecutionView;
import eu.consent.openapi.client.model.LookupInput;
import eu.consent.openapi.client.model.NoticeInput;
import eu.consent.openapi.client.model.NoticeView;
import eu.consent.openapi.client.model.PreferencesInput;
import eu.consent.openapi.client.model.PreferencesInputFrequencyValue;
import eu.consent.openapi.client.model.PreferencesView;
import eu.consent.openapi.client.model.Proof;
import eu.consent.openapi.client.model.PurposeInput;
import eu.consent.openapi.client.model.PurposeView;
import eu.consent.openapi.client.model.SendInput;
import eu.consent.openapi.client.model.SuppressionInput;
import eu.consent.openapi.client.model.SuppressionView1;
import eu.consent.openapi.client.model.UnsubscribeLinkInput;
import eu.consent.openapi.client.model.UnsubscribeLinks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * "A first walk-through" of the README, step by step, through the client that openapi-generator made from the test
 * server's {@code /openapi} during this build: no hand-written HTTP. Each call only works if the document names the
 * right path, verb, parameters, body type and success answer; each failure the document promises (a 409, a 404) must
 * come back as the generated client understands it.
 */
class GeneratedClientIT {

    private static final String BASE = System.getProperty("it.base.url", "http://localhost:9181");

    private static ApiClient as(String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        ApiClient client = new ApiClient();
        client.updateBaseUri(BASE);
        client.setReadTimeout(Duration.ofSeconds(60));
        // The native library leaves authentication to the caller: HTTP Basic, as the document's security scheme says.
        client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + basic));
        return client;
    }

    private final ApiClient admin = as("admin", "dev-admin");
    private final ApiClient integration = as("integration", "dev-integration");
    private final ApiClient campaign = as("campaign", "dev-campaign");
    private final ApiClient auditor = as("auditor", "dev-auditor");

    @Test
    void theReadmeWalkThroughWithTheGeneratedClientOnly() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);

        // 1. A purpose (admin): prospecting newsletter by email and SMS, with double opt-in.
        String key = "newsletter-" + run;
        PurposeView purpose = new PurposesAndNoticesApi(admin)
                .purposeResourceCreate(
                        null,
                        new PurposeInput()
                                .key(key)
                                .kind(PurposeInput.KindEnum.PROSPECTING)
                                .channels(List.of(PurposeInput.ChannelsEnum.EMAIL, PurposeInput.ChannelsEnum.SMS))
                                .doubleOptIn(true)
                                .similarToPurchases(false)
                                .names(Map.of("fr", "Lettre d'information", "en", "Newsletter")));
        assertEquals(key, purpose.getKey());
        assertEquals(PurposeView.KindEnum.PROSPECTING, purpose.getKind());

        // 2. Its notice, versioned per locale.
        NoticeView notice = new PurposesAndNoticesApi(admin)
                .purposeResourceAddNotice(
                        key,
                        null,
                        new NoticeInput()
                                .locale("fr")
                                .text("J'accepte de recevoir la lettre d'information par email."));
        assertEquals(1, notice.getVersion());
        assertNotNull(notice.getId());

        // 3. A contact (integration): email normalized, phone parsed to E.164.
        String local = "jeanne.martin." + run;
        // 061 followed by seven digits: a range of French mobiles that libphonenumber knows to be assigned.
        String national = String.format("061%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        ContactsApi contacts = new ContactsApi(integration);
        ContactView contact = contacts.contactResourceCreate(
                null,
                new ContactInput()
                        .email(" " + local.toUpperCase() + "@Example.FR ")
                        .phone(national)
                        .country("FR")
                        .locale("fr-FR")
                        .audience(ContactInput.AudienceEnum.B2_C)
                        .customer(false)
                        .attributes(Map.of("segment", "loyal")));
        String email = local + "@example.fr";
        assertEquals(email, contact.getEmail());
        assertEquals("+33" + national.substring(1), contact.getPhone());
        String id = contact.getId().toString();
        // The same email again: the 409 the document promises, with the holder's id.
        ApiException duplicate = assertThrows(
                ApiException.class,
                () -> contacts.contactResourceCreate(
                        null,
                        new ContactInput()
                                .email(email)
                                .country("FR")
                                .locale("fr")
                                .audience(ContactInput.AudienceEnum.B2_C)
                                .customer(false)));
        assertEquals(409, duplicate.getCode());
        assertTrue(duplicate.getResponseBody().contains(id), duplicate.getResponseBody());

        // 4. Look it up by POST.
        assertEquals(
                contact.getId(),
                contacts.contactResourceLookup(new LookupInput().email(email.toUpperCase()))
                        .getId());

        // 5. A merge patch (null removes), then an activity that counts as a sign of life.
        Map<String, Object> patch = new HashMap<>();
        patch.put("customer", true);
        patch.put("phone", null);
        // The generated client leaves null members out of every body; a merge patch needs its null, so this client
        // writes them.
        ApiClient patching = as("integration", "dev-integration");
        patching.setObjectMapper(patching.getObjectMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS));
        ContactView patched = new ContactsApi(patching).contactResourcePatch(id, null, patch);
        assertTrue(patched.getCustomer());
        assertNull(patched.getPhone());
        contacts.contactResourceActivity(id, null, new ActivityInput().type(ActivityInput.TypeEnum.CLICK));
        assertNotNull(contacts.contactResourceGet(id).getLastActiveAt());

        // 6. The audit (auditor) and its hash chain.
        assertFalse(new AuditApi(auditor)
                .auditResourceList(null, null, id, null, null, null)
                .getItems()
                .isEmpty());
        assertEquals(Boolean.TRUE, new AuditApi(auditor).auditResourceVerify().getValid());

        // 7. A consent with its proof: PENDING, newsletter needs double opt-in.
        ConsentEventView granted = new ConsentsApi(integration)
                .consentResourceRecord(
                        null,
                        new ConsentInput()
                                .contactId(contact.getId())
                                .purpose(key)
                                .channel(ConsentInput.ChannelEnum.EMAIL)
                                .action(ConsentInput.ActionEnum.GRANT)
                                .source(ConsentInput.SourceEnum.WEB_FORM)
                                .noticeId(notice.getId())
                                .proof(new Proof()
                                        .ip("203.0.113.7")
                                        .userAgent("Mozilla/5.0")
                                        .formUrl("https://shop.example/nl")));
        assertEquals(ConsentEventView.StateEnum.PENDING, granted.getState());
        List<ConsentStateView> states = contacts.contactResourceConsents(id);
        assertEquals(ConsentStateView.StateEnum.PENDING, states.get(0).getState());
        assertEquals(1, contacts.contactResourceHistory(id).size());

        // 8. Access request (auditor).
        AccessExportView everything = new ContactsApi(auditor).contactResourceExport(id);
        assertEquals(contact.getId(), everything.getContact().getId());

        // 9. Unsubscribe links (campaign), then the one-click a mail client makes, on the public page (no login).
        UnsubscribeLinks links = new OptOutApi(campaign)
                .unsubscribeLinkResourceCreate(
                        null, new UnsubscribeLinkInput().contactId(id).purpose(key));
        String unsubscribeUrl = links.getUnsubscribeUrl();
        assertEquals("List-Unsubscribe=One-Click", links.getHeaders().get("List-Unsubscribe-Post"));
        String token = unsubscribeUrl.substring(unsubscribeUrl.lastIndexOf('/') + 1);
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri(BASE);
        new RecipientsPagesApi(anonymous).unsubscribePageUnsubscribe(token, null, "One-Click", null, null);

        // 10. A suppression (admin), an ESP event (integration), the opt-out statistics (auditor).
        SuppressionView1 suppression = new OptOutApi(admin)
                .suppressionResourceAdd(
                        null,
                        new SuppressionInput()
                                .email("someone." + run + "@example.com")
                                .channel(SuppressionInput.ChannelEnum.EMAIL)
                                .reason(SuppressionInput.ReasonEnum.MANUAL));
        assertNotNull(suppression.getId());
        assertEquals(
                1,
                new OptOutApi(integration)
                        .espEventResourceReport(
                                null,
                                List.of(new EspEventInput()
                                        .type(EspEventInput.TypeEnum.HARD_BOUNCE)
                                        .email("gone." + run + "@example.com")
                                        .occurredAt(OffsetDateTime.now(ZoneOffset.UTC)
                                                .minusHours(1))
                                        .provider("acme-esp")))
                        .getAccepted());
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
        assertTrue(new StatisticsApi(auditor)
                        .statsResourceOptOuts("reason", from, null, null)
                        .getTotal()
                >= 1);

        // 11. May I send? The one-click of step 9 answers.
        DecisionView decision = new DecisionsApi(campaign)
                .decisionResourceDecide(
                        new DecisionInput().email(email).purpose(key).channel(DecisionInput.ChannelEnum.EMAIL));
        assertFalse(decision.getAllowed());
        assertEquals(DecisionView.RuleEnum.SUPPRESSED_UNSUBSCRIBED, decision.getRule(), "the rules are typed");
        new DecisionsApi(campaign)
                .decisionResourceBulk(
                        "EMAIL", key, "{\"email\":\"" + email + "\"}\n{\"email\":\"nobody@example.com\"}\n");

        // 12. Preferences and reported sends (integration).
        PreferencesView preferences = contacts.contactResourceReplacePreferences(
                id,
                null,
                new PreferencesInput()
                        .frequency(Map.of(
                                key,
                                new PreferencesInputFrequencyValue()
                                        .max(2)
                                        .per(PreferencesInputFrequencyValue.PerEnum.WEEK)))
                        .channels(List.of(PreferencesInput.ChannelsEnum.EMAIL)));
        assertNotNull(preferences);
        assertEquals(
                1,
                new DecisionsApi(integration)
                        .sendResourceReport(
                                null,
                                List.of(new SendInput()
                                        .contactId(contact.getId())
                                        .purpose(key)
                                        .channel(SendInput.ChannelEnum.EMAIL)
                                        .sentAt(OffsetDateTime.now(ZoneOffset.UTC)
                                                .minusMinutes(5))))
                        .getAccepted());

        // 13. An external list's snapshot, and the re-permission list.
        Accepted staged = new OptOutApi(integration)
                .suppressionSourceResourceSnapshot(
                        "acme-" + run,
                        false,
                        null,
                        null,
                        "identifier,reason,date\nbounced." + run + "@example.com,HARD_BOUNCE," + from + "\n");
        assertNotNull(staged.getExecutionId());
        // The JSON list (this client asks for JSON) is for campaign, auditor and admin; integration reads the CSV.
        assertNotNull(
                new RetentionApi(campaign).reactivationResourceCsv(null, null).getItems());

        // 14. A batch job (admin) and its metrics.
        BatchJobsApi jobs = new BatchJobsApi(admin);
        long execution = jobs.jobResourceStart("reactivation-flag", 500, null, null, null, null, null, null, null, null)
                .getExecutionId();
        JobExecutionView ended = awaitEnd(jobs, execution);
        assertEquals("COMPLETED", String.valueOf(ended.getStatus()), "a typed status (since 2026-12-07)");
        assertTrue(jobs.jobResourceSchedule().isEmpty(), "the test servers run with the schedule off");

        // 15. A bulk import with consent evidence, then an export.
        String row = "paul." + run + "@example.com,FR,fr,B2C,false," + key + ",EMAIL,GRANT," + notice.getId() + ","
                + OffsetDateTime.now(ZoneOffset.UTC).minusDays(200).withNano(0) + ","
                + OffsetDateTime.now(ZoneOffset.UTC)
                        .minusDays(200)
                        .plusMinutes(7)
                        .withNano(0) + ",203.0.113.9\n";
        ImportsAndExportsApi imports = new ImportsAndExportsApi(integration);
        ImportView accepted = imports.importResourceUpload(
                "csv",
                100,
                null,
                null,
                "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt,confirmedAt,ip\n"
                        + row);
        ImportView done = awaitImport(imports, accepted.getId().toString());
        assertEquals("COMPLETED", String.valueOf(done.getStatus()));
        assertEquals(1L, done.getImported());
        new ImportsAndExportsApi(auditor).exportResourceContacts("ndjson", key, "EMAIL", null, "B2C", "FR", null);

        // 17. Rename a purpose (merge patch) and read the comments people left.
        PurposeView renamed = new PurposesAndNoticesApi(admin)
                .purposeResourceChange(key, null, Map.of("names", Map.of("de", "Newsletter")));
        assertEquals("Newsletter", ((Map<?, ?>) renamed.getNames()).get("de"));
        assertNotNull(new StatisticsApi(auditor)
                .statsResourceComments(null, from, null, null, null)
                .getItems());

        // 18. Erasure, last: then the contact is gone, a 404 the client reports.
        contacts.contactResourceErase(id, null);
        ApiException gone = assertThrows(ApiException.class, () -> contacts.contactResourceGet(id));
        assertEquals(404, gone.getCode());
    }

    private static JobExecutionView awaitEnd(BatchJobsApi jobs, long execution) throws Exception {
        for (int i = 0; i < 600; i++) {
            JobExecutionView view = jobs.jobResourceExecution(Long.toString(execution));
            if (!List.of("STARTING", "STARTED", "STOPPING").contains(String.valueOf(view.getStatus()))) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("execution " + execution + " did not end in 60 s");
    }

    private static ImportView awaitImport(ImportsAndExportsApi imports, String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            ImportView view = imports.importResourceGet(id);
            if (!List.of("STARTING", "STARTED", "STOPPING").contains(String.valueOf(view.getStatus()))) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not end in 60 s");
    }
}
