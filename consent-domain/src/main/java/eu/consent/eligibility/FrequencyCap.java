package eu.consent.eligibility;

import java.time.Duration;

/** "At most {@code max} messages of this purpose per {@code per}", counted over a rolling window. */
public record FrequencyCap(int max, Per per) {

    /** The rolling windows a cap counts over. */
    public enum Per {
        DAY(Duration.ofDays(1)),
        WEEK(Duration.ofDays(7)),
        MONTH(Duration.ofDays(30));

        public final Duration window;

        Per(Duration window) {
            this.window = window;
        }
    }
}
