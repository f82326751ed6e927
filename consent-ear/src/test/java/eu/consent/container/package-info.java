/**
 * The container tier: in-container tests that Arquillian deploys, as micro-deployments built by {@link
 * eu.consent.container.Deployments}, to the same Liberty test server as the black-box tests of {@code eu.consent.it}.
 * They test what needs the container: JPA mappings on the real data source, transactions, the batch jobs and their
 * step metrics, and the restart of a job that failed mid-chunk (the fault is injected by test code only).
 */
package eu.consent.container;
