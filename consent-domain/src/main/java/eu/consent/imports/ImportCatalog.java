package eu.consent.imports;

import eu.consent.purpose.Channel;
import java.util.Map;
import java.util.Set;

/** The purposes and notices rows may name, read once per job: a few rows, looked up for every line. */
public record ImportCatalog(Map<String, PurposeRules> purposes, Map<String, String> noticePurpose) {

    /** What a row's consent must respect for one purpose. */
    public record PurposeRules(Set<Channel> channels, boolean doubleOptIn, boolean prospecting) {}
}
