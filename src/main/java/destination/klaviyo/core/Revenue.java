package destination.klaviyo.core;

/**
 * The facade's {@code currency()}: a number is kept unless it is 0; a string loses its dollar signs
 * and is read with parseFloat, so {@code "$12.50"} gives 12.5. Anything else has no amount, and so
 * has a string that reads as an infinity: Klaviyo's {@code $value} is a finite number.
 *
 * <p>The ecommerce metrics read prices and quantities the same way, but a price of 0 is a price
 * ({@link #any}), and a quantity is a positive amount ({@link #count}).
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
        return found.truthy(entry) ? any(values, found, entry) : Values.NO_VALUE;
    }

    /** The amount of a found entry, 0 included, as a number handle; {@link Values#NO_VALUE} without one. */
    static int any(Values values, Found found, int entry) {
        int kind = found.kind(entry);
        if (kind == Values.NUMBER) {
            return found.value(entry);
        }
        double amount = number(values, found, entry);
        // amount - amount is 0 for a finite number, NaN for NaN and the infinities (no Double class for it).
        return amount - amount == 0 ? values.ofNumber(amount) : Values.NO_VALUE;
    }

    /** A positive amount, as a number handle: a product's quantity; {@link Values#NO_VALUE} without one. */
    static int count(Values values, Found found, int entry) {
        int amount = any(values, found, entry);
        return amount != Values.NO_VALUE && values.number(amount) > 0 ? amount : Values.NO_VALUE;
    }

    /** The amount of a found entry, 0 included, as a number; NaN without one (an infinity included). */
    static double number(Values values, Found found, int entry) {
        int kind = found.kind(entry);
        double amount = kind == Values.NUMBER ? values.number(found.value(entry))
                : kind == Values.STRING ? values.parseFloat(values.replace("\\$", values.text(found.value(entry)), ""))
                : Double.NaN;
        return amount - amount == 0 ? amount : Double.NaN;
    }
}
