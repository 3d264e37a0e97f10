package dev.rallypoint.common.ratelimit;

/** How much a limit lets through: {@code burst} at once, then {@code perSecond} over time. */
public record Rate(int burst, double perSecond) {

    public Rate {
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("A rate needs burst >= 1 and perSecond > 0, got " + burst + " and " + perSecond);
        }
    }

    /** The time one request's token takes to come back, in ms. */
    double intervalMillis() {
        return 1000 / perSecond;
    }
}
