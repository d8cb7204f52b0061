package destination.klaviyo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.htmlunit.corejs.javascript.ScriptRuntime;

/**
 * JSON for the tests, through Jackson, in the plain Java model the core's JVM tests use for
 * JavaScript values: {@code Map<String, Object>} (a LinkedHashMap, key order kept),
 * {@code List<Object>}, {@code String}, {@code Double} (a JavaScript number, whatever its JSON form:
 * {@code 1} and {@code 1.0} read alike), {@code Boolean} and {@code null}.
 *
 * <p>{@link #write} fails on anything JSON has no place for (NaN, the infinities, other objects), as
 * {@code JSON.stringify} would throw on it or leave it out, and writes numbers as JavaScript does
 * ({@code 19}, not {@code 19.0}). {@link #canonical(String)} writes a JSON text with every object's keys
 * sorted, so two texts that mean the same compare equal as strings: key order does not matter, array
 * order does, {@code 1.0} equals {@code 1}. Every text read must be one JSON value, without a key twice.
 */
public final class JsonText {
    /** The only Java types {@link #write} takes as they are (with maps and lists of them). */
    private static final Set<Class<?>> PLAIN = Set.of(String.class, Boolean.class, boolean.class, Double.class);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .addModule(new SimpleModule()
                    .addDeserializer(Number.class, new JavaScriptNumberReader())
                    .addSerializer(Double.class, new JavaScriptNumberWriter())
                    .setSerializerModifier(new OnlyPlainJson()))
            .build();

    static {
        MAPPER.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
    }

    private static final ObjectWriter SORTED = MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonText() {
    }

    /** Reads one JSON value; anything after it but white space is an error. */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not one JSON value: " + text, e);
        }
    }

    /** Reads a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        if (parse(text) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("not a JSON object: " + text);
    }

    /** Reads a JSON array of strings, as {@code JSON.stringify} writes a string array. */
    @SuppressWarnings("unchecked")
    public static List<String> parseStrings(String text) {
        if (parse(text) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return (List<String>) list;
        }
        throw new IllegalArgumentException("not a JSON array of strings: " + text);
    }

    /** Writes a value as JSON text, keys in the map's own order. */
    public static String write(Object value) {
        return write(MAPPER.writer(), value);
    }

    /** A JSON string literal. */
    public static String quote(String value) {
        return write(value);
    }

    /** The same value written with sorted keys and JavaScript's numbers. */
    public static String canonical(String text) {
        return write(SORTED, parse(text));
    }

    /** Each text made {@link #canonical(String)}. */
    public static List<String> canonical(List<String> texts) {
        List<String> result = new ArrayList<>();
        texts.forEach(text -> result.add(canonical(text)));
        return result;
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + e.getOriginalMessage(), e);
        }
    }

    /** Every JSON number as the Double JavaScript reads it: 19, 19.0 and 1.9e1 are one number. */
    private static final class JavaScriptNumberReader extends StdDeserializer<Number> {
        JavaScriptNumberReader() {
            super(Number.class);
        }

        @Override
        public Number deserialize(JsonParser parser, DeserializationContext context) throws java.io.IOException {
            return parser.getDoubleValue();
        }
    }

    /** A number as JSON.stringify writes it (ECMAScript's Number::toString, from HtmlUnit's engine). */
    private static final class JavaScriptNumberWriter extends StdSerializer<Double> {
        JavaScriptNumberWriter() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws java.io.IOException {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("not a JSON value: " + value);
            }
            out.writeNumber(ScriptRuntime.numberToString(value, 10));
        }
    }

    /** Refuses what JSON has no place for, instead of writing it as a bean (a record, an Integer...). */
    private static final class OnlyPlainJson extends BeanSerializerModifier {
        @Override
        public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                JsonSerializer<?> serializer) {
            if (PLAIN.contains(description.getBeanClass())) {
                return serializer;
            }
            throw new IllegalArgumentException("not a JSON value: " + description.getBeanClass());
        }
    }

    /** Also escapes {@code <}, {@code >}, U+2028 and U+2029, so a JSON text can go inside a script element as it is. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        ScriptSafeEscapes() {
            ascii['<'] = ESCAPE_STANDARD;
            ascii['>'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return c == '\u2028' || c == '\u2029' ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }
}
