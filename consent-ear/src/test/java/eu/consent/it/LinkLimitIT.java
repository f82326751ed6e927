package eu.consent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "email me my link" limits, with the client named by the trusted proxy (the test server trusts the loopback as
 * its proxy, so each test picks its clients in {@code X-Forwarded-For}): one client flooding addresses locks out
 * nobody else, and an address has its own budget whichever clients ask for it.
 */
class LinkLimitIT {

    /** consent.pages.link-requests.per-client of the test server. */
    private static final int PER_CLIENT = 100;

    private static final String PAGE = Api.BASE + "/preferences";
    private static Recipients.Mailbox mailbox;

    @BeforeAll
    static void startSmtp() {
        mailbox = new Recipients.Mailbox();
    }

    @AfterAll
    static void stopSmtp() {
        mailbox.close();
    }

    private static String someClient() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /**
     * The test server counts in windows of an hour aligned on the epoch (its default): a test that straddles the top of
     * an hour sees its counts start again halfway (one run flooded from 04:59:52 to 05:00:03 and its client was not
     * over its budget). Starts a test at least 90 s before the next window.
     */
    private static void awayFromAWindowEdge() throws InterruptedException {
        long hour = Duration.ofHours(1).toMillis();
        long left = hour - Math.floorMod(System.currentTimeMillis(), hour);
        if (left < 90_000) {
            Thread.sleep(left + 1_000);
        }
    }

    private static void ask(String email, String client, String form) {
        assertEquals(
                200,
                Recipients.post(PAGE, Map.of("form", form, "email", email), "X-Forwarded-For", client)
                        .statusCode());
    }

    @Test
    void aClientFloodingAddressesLocksOutNobodyElse() throws Exception {
        awayFromAWindowEdge();
        Recipients.Person victim = Recipients.granted("en");
        Recipients.Person bystander = Recipients.granted("en");
        String flooder = someClient();
        String form = Recipients.formToken(Recipients.get(PAGE).body());
        // Eight at a time, as a flood would come (one after the other took 14 s of each run of the suite).
        ExecutorService flood = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> asked = new ArrayList<>();
            for (int i = 0; i < PER_CLIENT; i++) {
                asked.add(flood.submit(() -> ask(Api.uniqueEmail(), flooder, form)));
            }
            for (Future<?> f : asked) {
                f.get();
            }
        } finally {
            flood.shutdownNow();
        }
        ask(victim.email(), flooder, form);
        ask(bystander.email(), someClient(), form);

        mailbox.await(bystander.email(), 1);
        Thread.sleep(3000);
        assertTrue(mailbox.to(victim.email()).isEmpty(), "the flooding client is over its own budget");
        ask(victim.email(), someClient(), form);
        mailbox.await(victim.email(), 1);
    }

    @Test
    void anAddressHasItsOwnBudgetWhicheverClientsAsk() throws Exception {
        awayFromAWindowEdge();
        Recipients.Person p = Recipients.granted("en");
        String form = Recipients.formToken(Recipients.get(PAGE).body());
        for (int i = 0; i < 5; i++) {
            ask(p.email(), someClient(), form);
        }
        mailbox.await(p.email(), 3);
        Thread.sleep(3000);
        assertEquals(3, mailbox.to(p.email()).size(), "three per address and hour, from five clients");
    }
}
