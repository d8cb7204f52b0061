package destination.klaviyo.core;

/**
 * The facade's {@code currency()}: a number is kept unless it is 0; a string loses its dollar signs
 * and is read with parseFloat, so {@code "$12.50"} gives 12.5. Anything else has no amount, and so
 * has a string that reads as an infinity: Klaviyo's {@code $value} is a finite number.
 */
final class Revenue {
    private Revenue() {
    }

    /** The amount of a found entry as a number handle, or {@link Values#NO_VALUE}. */
    static int amount(Values values, Found found, int entry) {
        int kind = found.kind(entry);
        if (kind == Values.NUMBER) {
            return found.ifTruthy(entry);
        }
        if (kind != Values.STRING || !found.truthy(entry)) {
            return Values.NO_VALUE;
        }
        double amount = values.parseFloat(values.replace("\\$", values.text(found.value(entry)), ""));
        // amount - amount is 0 for a finite number, NaN for NaN and the infinities (no Double class for it).
        return amount - amount == 0 ? values.ofNumber(amount) : Values.NO_VALUE;
    }
}
