package destination.klaviyo.core;

import static destination.klaviyo.core.JavaValues.map;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Klaviyo gets for values JSON has no place for: left out, stringified, or cut. */
class BadInputTest {
    private static Map<String, Object> track(Map<String, Object> properties) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("event", "e");
        message.put("properties", properties);
        return message;
    }

    @Test
    void valuesWithoutAJsonTypeAreLeftOutOfObjectsAndNullInArrays() {
        Object fn = new JavaValues.Opaque("function");
        Object symbol = new JavaValues.Opaque("symbol");
        Object node = new JavaValues.Opaque("DOM node");
        new Recorder().track(track(map("f", fn, "s", symbol, "node", node, "nan", Double.NaN,
                "inf", Double.POSITIVE_INFINITY, "undef", JavaValues.JS_UNDEFINED, "keep", "yes",
                "list", new ArrayList<>(List.of(1.0, fn, Double.NaN, JavaValues.JS_UNDEFINED, "x")))))
                .sent("[[\"track\", \"e\", {\"keep\": \"yes\", \"list\": [1, null, null, null, \"x\"]}]]");
    }

    @Test
    void datesBecomeIsoStringsAndBigIntsTheirDigits() {
        new Recorder().track(track(map("at", new JavaValues.JsDate(1_700_000_000_123.0),
                "bad", new JavaValues.JsDate(Double.NaN), "big", new BigInteger("12345678901234567890"))))
                .sent("[[\"track\", \"e\", {\"at\": \"2023-11-14T22:13:20.123Z\", \"big\": \"12345678901234567890\"}]]");
    }

    @Test
    void cyclesAreLeftOut() {
        Map<String, Object> properties = map("name", "loop");
        List<Object> list = new ArrayList<>();
        list.add(properties);
        list.add("after");
        Map<String, Object> child = map("up", properties, "self", null);
        child.put("self", child);
        properties.put("child", child);
        properties.put("list", list);
        // The top-level properties are the outermost object: a reference to them is a cycle too.
        Map<String, Object> nested = map("a", map("b", null));
        ((Map<String, Object>) nested.get("a")).put("b", nested);
        properties.put("nested", nested);
        new Recorder().track(track(properties))
                .sent("""
                [["track", "e", {"name": "loop", "child": {}, "list": [null, "after"], "nested": {"a": {}}}]]""");
    }

    @Test
    void aGetterThatThrowsLeavesItsKeyOut() {
        new Recorder().track(track(map("ok", 1.0, "bad", JavaValues.THROWING_GETTER)))
                .identify(map("userId", JavaValues.THROWING_GETTER, "traits", map("email", JavaValues.THROWING_GETTER,
                        "exchangeId", "x")))
                .sent("[[\"track\", \"e\", {\"ok\": 1}], [\"identify\", {\"$exchange_id\": \"x\"}]]");
    }

    @Test
    void nestingDeeperThanTenLevelsIsCut() {
        Map<String, Object> deepest = map("level", 12.0);
        Object value = deepest;
        for (int level = 11; level >= 1; level--) {
            value = map("level", (double) level, "next", value);
        }
        Recorder klaviyo = new Recorder().track(track(map("root", value)));
        Object node = ((Map<?, ?>) ((List<?>) klaviyo.commands.get(0)).get(2)).get("root");
        int depth = 0;
        while (node instanceof Map<?, ?> m) {
            depth++;
            node = m.get("next");
        }
        assertEquals(10, depth);
    }

    @Test
    void longArraysKeepTheirFirstThousandElements() {
        List<Object> big = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            big.add((double) i);
        }
        Recorder klaviyo = new Recorder().track(track(map("big", big)));
        List<?> sent = (List<?>) ((Map<?, ?>) ((List<?>) klaviyo.commands.get(0)).get(2)).get("big");
        assertEquals(Values.MAX_ITEMS, sent.size());
        assertEquals(999.0, sent.get(999));
        assertEquals(10_000, big.size());
    }

    @Test
    void protoKeysAreLeftOutAndConstructorOrPrototypeArePlainKeys() {
        new Recorder().track(track(map("__proto__", map("polluted", true), "constructor", "c", "prototype",
                map("__proto__", "x", "y", 1.0))))
                .sent("[[\"track\", \"e\", {\"constructor\": \"c\", \"prototype\": {\"y\": 1}}]]");
    }

    @Test
    void theCallersObjectsAreNeverChanged() {
        String message = """
                {"userId": "id", "traits": {"email": "a@b.co", "firstName": "A", "phone": "1", "title": "t",
                 "address": {"city": "X"}, "company": {"name": "C"}, "nested": {"list": [1, {"k": "v"}]}}}""";
        Object input = JsonText.parse(message);
        new Recorder().identify(input);
        assertEquals(JsonText.parse(message), input);
        String order = """
                {"event": "Order Completed", "properties": {"order_id": "o", "revenue": "$5", "products": [
                 {"product_id": "p", "price": 5, "category": "c", "extra": {"a": [1]}}]}}""";
        Object orderInput = JsonText.parse(order);
        new Recorder().track(orderInput);
        assertEquals(JsonText.parse(order), orderInput);
    }
}
