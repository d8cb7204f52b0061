package destination.klaviyo.core;

/**
 * The port through which the core reads messages and builds Klaviyo commands, without knowing what a
 * value is made of: JavaScript values in the browser, plain Java objects in the JVM tests.
 *
 * <p>Values are int handles, like JNI's local references: the implementation keeps the values in a
 * table for the duration of one message. Handle {@link #NO_VALUE} always holds {@code undefined} and
 * {@link #NULL_VALUE} always holds {@code null}. Handles keep the core free of JavaScript types and
 * spare the browser any copy of the message.
 *
 * <p>Every read is total: a missing property, a property read that throws, or a handle that is not
 * of the expected kind gives {@code undefined} (or an empty result), never an exception.
 */
public interface Values {
    /** The handle of {@code undefined}. */
    int NO_VALUE = 0;
    /** The handle of {@code null}. */
    int NULL_VALUE = 1;

    // Kinds of value, as returned by kind().
    /** Absent: a missing property, {@code undefined}. */
    int UNDEFINED = 0;
    int NULL = 1;
    int BOOLEAN = 2;
    /** A finite number. NaN and the infinities are {@link #OTHER}. */
    int NUMBER = 3;
    int STRING = 4;
    int ARRAY = 5;
    /** A plain data object: own enumerable properties, whatever its prototype. */
    int OBJECT = 6;
    /** A value JSON has no type for but a string form: a valid Date (ISO-8601), a BigInt (its digits). */
    int STRINGIFIED = 7;
    /** Everything else: functions, symbols, NaN, DOM nodes, maps, invalid dates... */
    int OTHER = 8;

    int kind(int value);

    /** An own property of an object, or undefined. */
    int get(int object, String key);

    /** An array of the object's own enumerable string keys, in their order (empty if not an object). */
    int keys(int object);

    /** The value of {@code object[keys[index]]}, for keys from {@link #keys}; undefined if the read throws. */
    int valueAt(int object, int keys, int index);

    /** The length of an array, or 0. */
    int length(int array);

    /** An element of an array, or undefined. */
    int at(int array, int index);

    /** The text of a STRING, and the string form of a NUMBER or STRINGIFIED, as JavaScript writes it; else null. */
    String string(int value);

    /** JavaScript truthiness. */
    boolean truthy(int value);

    /** Whether two handles hold the same value (identity for objects). */
    boolean same(int a, int b);

    /** JavaScript's parseFloat: the longest leading decimal number, or NaN. */
    double parseFloat(String text);

    /**
     * Whether a JavaScript regular expression, made with the {@code i} flag, finds a match in the text.
     * The core writes the facade's own patterns; the browser's engine runs them, so no regex engine
     * ships in the bundle.
     */
    boolean test(String pattern, String text);

    /** JavaScript's {@code text.replace(new RegExp(pattern, 'g'), replacement)}. */
    String replace(String pattern, String text, String replacement);

    /**
     * A new array of the strings in {@code array}, each as JavaScript's
     * {@code text.replace(new RegExp(pattern, 'g'), '').toLowerCase()} gives it: how the facade
     * normalises keys. Pages send the same keys again and again, so an implementation may remember
     * its answers.
     */
    int normalised(String pattern, int array);

    /** JavaScript's {@code array.indexOf(text, from)}: where the text is in an array of strings, or -1. */
    int indexOf(int array, String text, int from);

    /** JavaScript's {@code a + b}: Java's String.concat would build a char array in the bundle. */
    String concat(String a, String b);

    /** JavaScript's String.prototype.trim: without the whitespace and line terminators at either end. */
    String trim(String text);

    int newObject();

    int newArray();

    /** Sets a property on an object made by {@link #newObject}. */
    void put(int object, String key, int value);

    /**
     * Sets {@code object[keys[index]]} on an object made by {@link #newObject}, for keys from
     * {@link #keys}. A key named {@code __proto__} is left out: assigning it would set a prototype.
     */
    void putAt(int object, int keys, int index, int value);

    /**
     * Copies {@code source[keys[index]]} to the same key of {@code target}, an object made by
     * {@link #newObject}, when the value is already plain JSON (a string, a finite number, a boolean,
     * null), and leaves undefined (or a read that throws, or a key named {@code __proto__}) out: then
     * it returns {@link #NO_VALUE}. Any other value is not copied; its handle is returned, for the core
     * to decide. Most values are plain, so most keys cost one call.
     */
    int copyPlainAt(int target, int source, int keys, int index);

    /** Appends to an array made by {@link #newArray}. */
    void push(int array, int value);

    int ofString(String text);

    int ofNumber(double number);
}
