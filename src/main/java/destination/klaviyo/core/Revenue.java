package destination.klaviyo.core;

/**
 * The facade's {@code currency()}: a number is kept unless it is 0; a string loses its dollar signs
 * and is read with parseFloat, so {@code "$12.50"} gives 12.5. Anything else has no amount.
 */
final class Revenue {
    private Revenue() {
    }

    /** The amount as a number handle, or {@link Values#NO_VALUE}. */
    static int amount(Values values, int value) {
        int kind = values.kind(value);
        if (kind == Values.NUMBER) {
            return values.truthy(value) ? value : Values.NO_VALUE;
        }
        if (kind != Values.STRING) {
            return Values.NO_VALUE;
        }
        String text = values.string(value);
        if (text.isEmpty()) {
            return Values.NO_VALUE;
        }
        double amount = values.parseFloat(values.replace("\\$", text, ""));
        return amount != amount ? Values.NO_VALUE : values.ofNumber(amount);
    }
}
