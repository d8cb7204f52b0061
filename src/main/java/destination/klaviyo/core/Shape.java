package destination.klaviyo.core;

/**
 * A Klaviyo object declared as data, and the engine that makes it: one lookup of the source object
 * ({@link Vocabulary}), each property read as declared, the keys that gave a value consumed, and the
 * rest of the object copied as plain JSON when asked. The facade's rules (keys matched ignoring case
 * and punctuation, a missing or null value skipped) live here, once.
 *
 * <p>A declaration is a list of properties separated by spaces, each {@code Name=reading:key,key...}:
 * the Klaviyo name, then the keys its value comes from in order of preference. {@code given} among the
 * keys is the caller's value, at that place in the order. The reading is one of
 * <ul>
 *   <li>(none) an identifier: a non-empty string or a finite number;</li>
 *   <li>{@code any}: any value JSON has a form for, but null;</li>
 *   <li>{@code money}: the facade's currency(), a finite number or a string such as "$12.50" (12.5);</li>
 *   <li>{@code list}: an identifier as a list of one; an empty list without one;</li>
 *   <li>{@code quantity}: a positive amount; 1 without one;</li>
 *   <li>{@code revenue}: as track's revenue becomes $value, a non-zero amount of which only the exact
 *       key {@code revenue} is consumed;</li>
 *   <li>{@code dropped}: no value; the keys are left out of the rest whenever present (a property
 *       named {@code -}).</li>
 * </ul>
 * For example {@code "ProductID=productid,id Price=money:price Items=given"}.
 */
final class Shape {
    // Readings, by the first letter of their name (none: an identifier).
    private static final int MONEY = 'm';
    private static final int LIST = 'l';
    private static final int QUANTITY = 'q';
    private static final int REVENUE = 'r';
    private static final int DROPPED = 'd';
    private static final int ANY = 'a';

    private final Values values;
    private final KeyList out;
    /** The declaration as the port parsed it (see {@link Values#declare}). */
    private final int[] program;

    /** Declares a shape: its keys join the vocabulary of the object it reads. */
    Shape(Values values, Vocabulary vocabulary, String declaration) {
        this.values = values;
        program = new int[declaration.length()];
        out = new KeyList(values, values.declare(vocabulary.id, declaration, program));
    }

    /**
     * The Klaviyo object for a lookup ({@link Vocabulary#read}) of the source: the declared properties,
     * after the source's other keys when {@code rest} is true. {@code given} holds the caller's values,
     * in the order the declaration names them ({@link Values#NO_VALUE}: none).
     */
    int make(Found source, boolean rest, int... given) {
        int[] made = out.values();
        int consumed = 0;
        int g = 0;
        int p = 0;
        for (int i = 0; i < out.size; i++) {
            int reading = program[p++];
            int keys = program[p++];
            int value = Values.NO_VALUE;
            for (int end = p + keys; p < end; p++) {
                int entry = program[p];
                int v = entry < 0 ? given[g++] : value != Values.NO_VALUE ? Values.NO_VALUE : read(source, entry, reading);
                if (value == Values.NO_VALUE && v != Values.NO_VALUE) {
                    value = v;
                    // REVENUE consumes the exact key revenue only, whose entry follows the keys.
                    consumed |= entry < 0 ? 0 : KeyList.bit(reading == REVENUE ? program[end] : entry);
                }
                if (reading == DROPPED && source.kind(entry) != Values.UNDEFINED) {
                    consumed |= KeyList.bit(entry);
                }
            }
            p += reading == REVENUE ? 1 : 0;
            if (value == Values.NO_VALUE && (reading == LIST || reading == QUANTITY)) {
                value = reading == LIST ? values.listOf(Values.NO_VALUE) : values.ofNumber(1);
            }
            made[i] = value;
        }
        return out.build(values, rest ? source.record() : Values.NO_VALUE, consumed, made);
    }

    private int read(Found source, int entry, int reading) {
        if (reading == ANY) {
            return source.present(entry);
        }
        if (reading == REVENUE) {
            return Revenue.amount(values, source, entry);
        }
        if (reading != MONEY && reading != QUANTITY) {
            // An identifier, as itself or in a list; DROPPED reads nothing.
            int value = reading == DROPPED ? Values.NO_VALUE : source.identifier(entry);
            return reading == LIST && value != Values.NO_VALUE ? values.listOf(value) : value;
        }
        double amount = Revenue.number(values, source, entry);
        return amount == amount && (reading == MONEY || amount > 0) ? values.ofNumber(amount) : Values.NO_VALUE;
    }
}
