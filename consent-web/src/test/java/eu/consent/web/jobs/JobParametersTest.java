package eu.consent.web.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JobParametersTest {

    private static String refused(String job, Map<String, List<String>> query) {
        return assertThrows(InvalidInputException.class, () -> JobParameters.of(job, query))
                .errors()
                .toString();
    }

    @Test
    void aPurgeOfEveryoneIsRefused() {
        String errors = refused("retention-purge", Map.of("retentionMonths", List.of("0")));
        assertTrue(errors.contains("retentionMonths") && errors.contains("between 6 and 1200"), errors);
        assertTrue(refused("retention-purge", Map.of("retentionMonths", List.of("five")))
                .contains("whole number"));
    }

    @Test
    void saneValuesPassUnknownNamesAreRefused() {
        Properties p = JobParameters.of(
                "retention-purge", Map.of("retentionMonths", List.of("36"), "chunkSize", List.of("200")));
        assertEquals("36", p.getProperty("retentionMonths"));
        assertEquals("200", p.getProperty("chunkSize"));
        assertTrue(refused("audit-verify", Map.of("retentionMonths", List.of("36")))
                .contains("not a parameter"));
        assertTrue(refused("audit-verify", Map.of("full", List.of("yes"))).contains("full"));
        assertTrue(
                refused("audit-verify", Map.of("chunkSize", List.of("1", "2"))).contains("more than once"));
        assertTrue(
                refused("pending-expiry", Map.of("expiryDays", List.of("-1"))).contains("expiryDays"));
    }

    @Test
    void aPurgeRunsOnOneToThirtyTwoPartitions() {
        assertEquals(
                "4",
                JobParameters.of("retention-purge", Map.of("partitions", List.of("4")))
                        .getProperty("partitions"));
        for (String wrong : List.of("0", "33", "all")) {
            String errors = refused("retention-purge", Map.of("partitions", List.of(wrong)));
            assertTrue(errors.contains("partitions") && errors.contains("between 1 and 32"), errors);
        }
        assertTrue(
                refused("reactivation-flag", Map.of("partitions", List.of("2"))).contains("not a parameter"));
    }

    /** The start operation's OpenAPI parameters are the parameters the jobs take, each with its real range. */
    @Test
    void theDocumentNamesEveryParameterWithItsRange() throws NoSuchMethodException {
        java.lang.reflect.Method start =
                JobResource.class.getMethod("start", String.class, jakarta.ws.rs.core.UriInfo.class);
        Map<String, String> described = new java.util.TreeMap<>();
        for (org.eclipse.microprofile.openapi.annotations.parameters.Parameter p :
                start.getAnnotationsByType(org.eclipse.microprofile.openapi.annotations.parameters.Parameter.class)) {
            described.put(p.name(), p.description());
        }
        Map<String, String> taken = JobParameters.documented();
        assertEquals(taken.keySet(), described.keySet());
        taken.forEach((name, range) -> assertTrue(
                range == null || described.get(name).contains("(" + range),
                name + " is documented \"" + described.get(name) + "\", takes " + range));
    }
}
