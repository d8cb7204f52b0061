package destination.klaviyo.core;

/**
 * Sums and products of prices, as Klaviyo shows them: binary floating point makes 0.1 + 0.2 come out
 * as 0.30000000000000004, so results are rounded to a millionth, finer than any currency's unit.
 */
final class Money {
    private Money() {
    }

    /** The amount rounded to six decimals; NaN stays NaN. */
    static double round(double amount) {
        return Math.rint(amount * 1e6) / 1e6;
    }
}
