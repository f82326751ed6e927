package eu.consent.web.problem;

import eu.consent.web.Roles;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * The re-permission list answers each role in its own type (CSV for the sending system, JSON for the others): where the
 * caller's {@code Accept} admits the type their role may have, that is the one asked for. JAX-RS chooses the method by
 * the {@code Accept} before it checks roles, so a sending system's script with curl's {@code Accept: *}{@code /*} (or
 * none) was told 403 "yours may have it as text/csv" although it accepted text/csv (tester BK's F2, until
 * 2026-12-08). An admin, who may have both, is answered by the weights as before.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHORIZATION + 1)
public class RoleTypeFilter implements ContainerRequestFilter {

    private static final String PATH = "api/v1/reactivation-candidates";

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        SecurityContext security = request.getSecurityContext();
        if (!(method.equals("GET") || method.equals("HEAD"))
                || !path.equals(PATH)
                || security == null
                || security.getUserPrincipal() == null) {
            return;
        }
        boolean csv = security.isUserInRole(Roles.ADMIN) || security.isUserInRole(Roles.INTEGRATION);
        boolean json = security.isUserInRole(Roles.ADMIN)
                || security.isUserInRole(Roles.CAMPAIGN)
                || security.isUserInRole(Roles.AUDITOR);
        if (csv == json) {
            return; // both (an admin), or neither (the 403 says which roles may)
        }
        String type = csv ? "text/csv" : "application/json";
        String accept = request.getHeaderString("Accept");
        if (accept == null || accept.isBlank() || AcceptWeights.preferred(accept, List.of(type)) != null) {
            request.getHeaders().putSingle("Accept", type);
        }
    }
}
