package eu.consent.web.problem;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * A caller whose role may not use any method at a path and HTTP method is refused (403) before anything of the request
 * is weighed: JAX-RS chooses the method by the body's type before it checks roles, and the body limit comes first of
 * all, so a read-only auditor's POST of text/plain or of 5 MB was told 415 or 413, as if another body would do. A
 * caller with no credentials goes on, to be asked for them (401); one whose role may use some method there goes on to
 * the usual checks, and to the method's own 403 when its role is not that method's.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHORIZATION)
public class RoleFirstFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        if (security == null || security.getUserPrincipal() == null) {
            return;
        }
        EndpointTypes.roles(request.getMethod(), request.getUriInfo().getPath())
                .filter(roles -> none(roles, security))
                .ifPresent(roles -> request.abortWith(Problem.ofStatus(403, HttpExceptionMapper.rolesNeeded(roles))
                        .response()));
    }

    private static boolean none(Set<String> roles, SecurityContext security) {
        for (String role : roles) {
            if (security.isUserInRole(role)) {
                return false;
            }
        }
        return true;
    }
}
