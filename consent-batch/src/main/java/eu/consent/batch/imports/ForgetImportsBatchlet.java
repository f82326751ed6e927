package eu.consent.batch.imports;

import eu.consent.imports.Imports;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The last step of the nightly purge: forgets old imports and their rejected rows. Exit status {@code FORGOTTEN_<n>}. */
@Named
@Dependent
public class ForgetImportsBatchlet extends AbstractBatchlet {

    @Inject
    Imports imports;

    /** Days to keep imports for (job parameter {@code importKeepDays}; default {@code consent.import.keep-days}). */
    @Inject
    @BatchProperty
    String keepDays;

    @Override
    public String process() {
        Integer days = keepDays == null || keepDays.isBlank() ? null : Integer.valueOf(keepDays);
        return "FORGOTTEN_" + imports.forgetOld(days);
    }
}
