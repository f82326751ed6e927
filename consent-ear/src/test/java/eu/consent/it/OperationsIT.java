package eu.consent.it;

import static eu.consent.it.Api.User.NOBODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperationsIT {

    @Test
    void readyWhenTheDatabaseAnswers() {
        Api.Answer ready = Api.get(NOBODY, "/health/ready").expect(200);
        assertEquals("UP", ready.json().getString("status"));
        assertTrue(ready.body().contains("\"database\""));
        Api.get(NOBODY, "/health/live").expect(200);
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointWithItsSchemas() {
        String document = Api.get(NOBODY, "/openapi").expect(200).body();
        for (String path : new String[] {
            "/api/v1/contacts:",
            "/api/v1/contacts/{id}:",
            "/api/v1/contacts/lookup:",
            "/api/v1/contacts/{id}/activities:",
            "/api/v1/purposes:",
            "/api/v1/purposes/{key}/notices:",
            "/api/v1/audit:",
            "/api/v1/audit/verify:",
            "/api/v1/jobs/{jobName}:",
            "/api/v1/jobs/executions/{id}:"
        }) {
            assertTrue(document.contains(path), path);
        }
        for (String schema : new String[] {"ContactInput:", "ContactView:", "PurposeInput:", "NoticeView:"}) {
            assertTrue(document.contains(schema), schema);
        }
        assertTrue(Api.get(NOBODY, "/openapi/ui/").status() == 200);
    }
}
