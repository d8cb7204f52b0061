package destination.klaviyo.core;

/**
 * The port through which the core reads messages and builds Klaviyo commands, without knowing what a
 * value is made of: JavaScript values in the browser (src/main/js/port.js), plain Java objects in the
 * JVM tests. It is coarse: each call is one mapping-level step (find a message's keys, copy what is
 * left as JSON, build a list or a command), so a message crosses into the port a handful of times.
 *
 * <p>Values are int handles into a table the implementation keeps for the duration of one message;
 * {@link #NO_VALUE} means "no value". Kinds are never learnt from a handle's number: ask
 * {@link #kind}, or read them from a {@link #find}.
 *
 * <p>Every read is total: a missing property, a read that throws, a value of another kind give
 * undefined or an empty result, never an exception. Every value built is plain JSON: page values are
 * copied (see {@link #build}), never shared, and the page's objects are never written.
 */
public interface Values {
    /** The handle that holds no value. */
    int NO_VALUE = 0;

    // Kinds of value, as kind() and find() report them.
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
    /** Added to a kind by {@link #find} when the value is truthy, as JavaScript counts it. */
    int TRUTHY = 16;
    /**
     * Added to a kind by {@link #find} and {@link #kindAt} when reading the value threw (a getter or
     * a Proxy trap): the value is undefined, and whoever must not guess may refuse the whole input.
     */
    int THREW = 32;

    /** At most this many elements of an array, or keys of an object, are read. */
    int MAX_ITEMS = 1000;
    /** A copy leaves out what is nested deeper than this many levels. */
    int MAX_DEPTH = 10;

    /**
     * Registers a key list, once, when a mapping is made: names separated by single spaces. For
     * {@link #find}, a name is a facade key, matched as obj-case matches keys (ignoring case and
     * every character but ASCII letters, digits and dots: {@code $exchange_id}, {@code exchangeId} and
     * {@code exchange_id} are {@code exchangeid}); a name starting with {@code =} matches that exact
     * key only. For {@link #build}, the names are the keys to write. At most 31 names. Returns the
     * list's id.
     */
    int keys(String names);

    /** How many keys a registered key list has. */
    int size(int keys);

    /**
     * Looks up a key list in an object: one step for all its keys. Returns a record handle r: entry
     * i's value is at handle {@code r + 1 + i}; {@link #kinds} has the object's own kind at r and entry
     * i's kind at {@code r + 1 + i}, plus {@link #TRUTHY}. An entry takes the value of the first own key
     * it matches; when the value is not an {@link #OBJECT}, no key matches. See {@link Found}.
     */
    int find(int object, int keys);

    /**
     * {@link #find} in each of the first {@link #length} elements of an array: element e's record is at
     * {@code base + e * (n + 1)}, n being the list's length. Returns base.
     */
    int findEach(int array, int keys);

    /**
     * The kinds of the values found so far, by handle (see {@link #find}); valid for the handles of the
     * finds made since the table was last handed out. Not a crossing: the port hands over the table it
     * fills, so reading a kind costs nothing.
     */
    int[] kinds();

    /** The length of an array, at most {@link #MAX_ITEMS}; 0 for anything else. */
    int length(int array);

    /** An element of an array, or undefined. */
    int at(int array, int index);

    int kind(int value);

    /**
     * The kind of the property {@code key} (exact, as JavaScript's {@code object[key]} reads it) of a
     * plain {@link #OBJECT}, with {@link #TRUTHY} and {@link #THREW} as {@link #find} adds them;
     * {@link #UNDEFINED} for any other value. For keys only known at run time (consent categories).
     */
    int kindAt(int object, String key);

    /** The text of a STRING, and the string form of a NUMBER or STRINGIFIED, as JavaScript writes it; else null. */
    String text(int value);

    /** A STRING without the whitespace at either end (JavaScript's trim); {@link #NO_VALUE} for anything else. */
    int trim(int value);

    /**
     * Whether a JavaScript regular expression, made with the {@code i} flag, finds a match in the
     * value's {@link #text}; false when it has none. The core writes the facade's own patterns; the
     * browser's engine runs them, so no regex engine ships in the bundle.
     */
    boolean test(String pattern, int value);

    /**
     * Which group of a JavaScript regular expression, made with the {@code i} flag, takes part in its
     * first match in the value's {@link #text}: the group's number (from 1), or 0 when nothing matches.
     * One crossing tells which of several names an event has.
     */
    int which(String pattern, int value);

    /** A NUMBER's value; NaN for anything else. */
    double number(int value);

    /**
     * A time in milliseconds since 1970: a Date's, a date string's as JavaScript's Date.parse reads it,
     * or a NUMBER itself; NaN for anything else.
     */
    double time(int value);

    /** JavaScript's {@code text.replace(new RegExp(pattern, 'g'), replacement)}. */
    String replace(String pattern, String text, String replacement);

    /** JavaScript's parseFloat: the longest leading decimal number (or Infinity), or NaN. */
    double parseFloat(String text);

    /**
     * A new object: the keys of the object looked up as {@code record} (none when it is
     * {@link #NO_VALUE}) but those that matched a consumed entry (bit i of {@code consumed} for entry i
     * of that lookup's list, i &lt; 31), then the names of key list {@code keys} set to the values whose
     * handles are in {@code values} (same order; {@link #NO_VALUE}: not set). Every value is copied as
     * plain JSON: strings, finite numbers, booleans and null as they are; Dates as ISO strings, BigInts
     * as their digits; functions, symbols, NaN, the infinities and other objects left out (null in
     * arrays); a reference back to an enclosing object or array left out; what is nested deeper than
     * {@link #MAX_DEPTH} levels left out; the first {@link #MAX_ITEMS} elements and keys; keys named
     * {@code __proto__} left out; no toJSON called. Values the port built are taken as they are.
     */
    int build(int record, int consumed, int keys, int[] values);

    /** A new array of JSON copies (see {@link #build}) of the first {@code count} values; null where JSON has none. */
    int array(int[] values, int count);

    /**
     * A new array of JSON copies (see {@link #build}) of the first {@code count} values, without
     * {@link #NO_VALUE} and without repeats: a value whose {@link #text} an earlier one had is left out.
     */
    int distinct(int[] values, int count);

    /**
     * For each of the first {@code count} values, 1 + the index of the first value before it with the
     * same {@link #text}, or 0: written into {@code repeats}, in one step.
     */
    void repeats(int[] values, int count, int[] repeats);

    /**
     * A new value from a JSON template: each string {@code "@name"} in it is a placeholder, filled with
     * a JSON copy (see {@link #build}) of one of {@code values}, taken in the order the names first
     * appear in the template; a key whose value is {@link Values#NO_VALUE} is left out.
     */
    int template(String json, int... values);

    /** A new array of a JSON copy of one value, or an empty one for {@link #NO_VALUE}. */
    int listOf(int value);

    /** The text of a and of b (see {@link #text}), joined by a separator. */
    int join(int a, String separator, int b);

    /** A Klaviyo command: {@code [name, first]}, or {@code [name, first, second]} when second is a value. */
    int command(String name, int first, int second);

    int ofString(String text);

    int ofNumber(double number);

    int ofBoolean(boolean value);
}
