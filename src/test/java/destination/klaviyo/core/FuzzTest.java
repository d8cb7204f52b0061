package destination.klaviyo.core;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random messages through the core: none may throw, every command must be plain JSON, and the
 * caller's objects must come back unchanged. The browser bundle gets the same treatment in HtmlUnit.
 */
class FuzzTest {
    static final int MESSAGES = 100_000;
    private static final String[] KEYS = {"email", "Email", "firstName", "first_name", "lastName", "name", "phone",
        "phoneNumber", "phones", "title", "exchangeId", "$exchange_id", "id", "$id", "address", "city", "state",
        "postalCode", "street", "company", "avatar", "timezone", "revenue", "total", "order_id", "orderId", "products",
        "product_id", "sku", "price", "quantity", "category", "productUrl", "imageUrl", "__proto__", "constructor",
        "prototype", "", "x", "nested", "$city", "toString"};
    private static final String[] EVENTS = {"Order Completed", "order_completed", "Completed Order", "Viewed",
        "Product Added", ""};

    private final Random random = new Random(20261128L);

    @Test
    void randomMessagesNeverBreakTheMapping() {
        int organizations = 0;
        for (int i = 0; i < MESSAGES; i++) {
            int call = random.nextInt(3);
            Map<String, Object> message = call == 2 ? groupMessage(message()) : message();
            String before = fingerprint(message);
            Recorder klaviyo = new Recorder(random.nextInt(4) == 0);
            switch (call) {
                case 0 -> klaviyo.identify(message);
                case 1 -> klaviyo.track(message);
                default -> {
                    klaviyo.group(message);
                    organizations += klaviyo.commands.size();
                }
            }
            // JsonText.write fails on anything that is not plain JSON; JavaValues fails on a __proto__ key.
            JsonText.write(klaviyo.commands);
            assertEquals(before, fingerprint(message), "the message was changed");
        }
        // The random groups reach Klaviyo often enough to mean something, and not always.
        assertEquals(true, organizations > 2000 && organizations < MESSAGES / 3, organizations + " organizations sent");
    }

    @Test
    void randomMessagesWithTrackByEmailNeverBreakTheMapping() {
        // Pages of 50 messages: what a page remembers of the visitor carries from one message to the next.
        Recorder klaviyo = null;
        for (int i = 0; i < MESSAGES / 10; i++) {
            if (i % 50 == 0) {
                klaviyo = new Recorder("{\"apiKey\": \"hfWBjc\", \"trackByEmail\": true, \"enforceEmail\": "
                        + random.nextBoolean() + "}");
                klaviyo.tab.klaviyoIdentified = random.nextBoolean();
            }
            Map<String, Object> message = message();
            String before = fingerprint(message);
            int sent = klaviyo.commands.size();
            if (random.nextInt(3) == 0) {
                klaviyo.identify(message);
            } else {
                klaviyo.track(message);
            }
            JsonText.write(klaviyo.commands.subList(sent, klaviyo.commands.size()));
            assertEquals(before, fingerprint(message), "the message was changed");
        }
    }

    @Test
    void randomIdentifiesWithSubscriptionsOnNeverBreakTheMapping() {
        String[] optionKeys = {"listId", "smsConsent", "confirmOptin", "ListId", "x"};
        int subscriptions = 0;
        int sms = 0;
        for (int i = 0; i < MESSAGES / 5; i++) {
            Map<String, Object> message = message();
            if (message.get("traits") instanceof Map<?, ?> map && random.nextInt(3) == 0) {
                @SuppressWarnings("unchecked")
                Map<String, Object> traits = (Map<String, Object>) map;
                traits.put(random.nextBoolean() ? "phone" : "phoneNumber", "+1555555" + random.nextInt(10000));
                // Only an email Klaviyo takes is subscribed, and most random texts are none.
                if (random.nextBoolean()) {
                    traits.put("email", "u" + random.nextInt(100) + "@example.com");
                }
            }
            if (random.nextInt(4) > 0) {
                Object klaviyo = random.nextInt(4) == 0 ? scalar() : object(1);
                if (klaviyo instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> options = (Map<String, Object>) map;
                    for (int k = random.nextInt(4); k > 0; k--) {
                        options.put(optionKeys[random.nextInt(optionKeys.length)], random.nextInt(3) == 0
                                ? Boolean.TRUE : scalar());
                    }
                    if (random.nextInt(4) == 0) {
                        options.put("smsConsent", Boolean.TRUE);
                    }
                }
                Map<String, Object> integrations = new LinkedHashMap<>();
                integrations.put(random.nextInt(8) == 0 ? "klaviyo" : "Klaviyo", klaviyo);
                message.put("integrations", random.nextInt(8) == 0 ? scalar() : integrations);
            }
            String before = fingerprint(message);
            Recorder klaviyo = new Recorder("{\"apiKey\": \"k\", \"subscribeInBrowser\": true, \"enforceEmail\": "
                    + (random.nextInt(4) == 0) + (random.nextBoolean() ? ", \"listId\": \"L\"" : "") + "}");
            klaviyo.identify(message);
            JsonText.write(klaviyo.commands);
            // A subscription is strings only: list, email, and the phone or nothing.
            for (Object subscription : klaviyo.subscriptions) {
                List<?> values = (List<?>) subscription;
                subscriptions++;
                sms += values.get(2) == null ? 0 : 1;
                assertEquals(true, values.get(0) instanceof String && values.get(1) instanceof String
                        && (values.get(2) == null || values.get(2) instanceof String), "subscription " + values);
            }
            assertEquals(before, fingerprint(message), "the message was changed");
        }
        // The messages reach the subscription, SMS included, often enough to mean something.
        assertEquals(true, subscriptions > 500 && sms > 20, subscriptions + " subscriptions, " + sms + " with SMS");
    }

    @Test
    void randomEcommerceEventsNeverBreakTheMappingOrTheCart() {
        String[] names = {"Product Viewed", "Product Added", "product_removed", "Cart Viewed", "Checkout Started",
            "Order Completed", "Product List Viewed", "Viewed Product Category", "Products Searched"};
        String[] productKeys = {"product_id", "id", "sku", "name", "brand", "category", "price", "quantity", "url",
            "image_url", "compare_at_price", "cart_id", "checkout_id", "value", "coupon", "discount", "query", "list_id"};
        int metrics = 0;
        // Pages of 50 events in one tab: the remembered cart carries from one to the next, as pages do.
        TabStorageStandIn tab = new TabStorageStandIn();
        Recorder klaviyo = null;
        for (int i = 0; i < MESSAGES / 10; i++) {
            if (i % 50 == 0) {
                klaviyo = new Recorder("{\"apiKey\": \"hfWBjc\", \"klaviyoEcommerceMetrics\": true}", tab);
                if (random.nextInt(10) == 0) {
                    // What another version, or the page, may have left under the cart's key.
                    tab.texts.put("klaviyo_cart:hfWBjc", new String[] {"not JSON {", "[]", "{\"v\": 1}",
                        "{\"v\": 1, \"items\": [{\"product_id\": \"p\", \"quantity\": \"2\"}, 5]}",
                        "{\"v\": 1, \"cart\": {}, \"items\": [{\"product_id\": \"p\", \"quantity\": 1}]}",
                        "{\"v\": 1, \"items\": [{\"sku\": \"s\", \"price\": \"$1\", \"quantity\": 3}]}"}[random.nextInt(6)]);
                }
            }
            Map<String, Object> message = message();
            int name = random.nextInt(names.length);
            message.put("event", names[name]);
            message.put("timestamp", random.nextBoolean() ? scalar() : new JavaValues.JsDate(1.7e12));
            if (message.get("properties") instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) map;
                for (int k = random.nextInt(6); k > 0; k--) {
                    properties.put(productKeys[random.nextInt(productKeys.length)], value(1));
                }
            }
            String before = fingerprint(message);
            int sent = klaviyo.commands.size();
            klaviyo.track(message);
            metrics += klaviyo.commands.size() > sent ? 1 : 0;
            JsonText.write(klaviyo.commands.subList(sent, klaviyo.commands.size()));
            assertEquals(before, fingerprint(message), "the message was changed");
            // After an event of the cart, the tab keeps the cart's own shape, whatever the events were.
            String stored = tab.texts.get("klaviyo_cart:hfWBjc");
            if (name >= 1 && name <= 5) {
                Map<?, ?> cart = (Map<?, ?>) JsonText.parse(stored);
                assertEquals(1.0, ((Number) cart.get("v")).doubleValue(), stored);
                List<?> lines = (List<?>) cart.get("items");
                assertEquals(true, lines.size() <= Cart.MAX_LINES, stored);
                for (Object line : lines) {
                    assertEquals(true, ((Map<?, ?>) line).get("quantity") instanceof Number, stored);
                }
            }
        }
        // Every event sends something: a metric, or the track it is without one.
        assertEquals(MESSAGES / 10, metrics);
    }

    /** A random message as a group call: its traits, half the time with a random name, the group's own. */
    private Map<String, Object> groupMessage(Map<String, Object> message) {
        if (message.get("traits") instanceof Map<?, ?> map && random.nextBoolean()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> traits = (Map<String, Object>) map;
            traits.put("name", random.nextInt(4) == 0 ? object(1) : scalar());
        }
        return message;
    }

    private Map<String, Object> message() {
        Map<String, Object> message = new LinkedHashMap<>();
        if (random.nextInt(4) > 0) {
            message.put("userId", scalar());
        }
        message.put("event", random.nextInt(5) == 0 ? scalar() : EVENTS[random.nextInt(EVENTS.length)]);
        Object traits = random.nextInt(6) == 0 ? scalar() : object(0);
        message.put("traits", traits);
        Object properties = random.nextInt(6) == 0 ? scalar() : object(0);
        if (properties instanceof Map<?, ?> map && random.nextBoolean()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) map;
            List<Object> products = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                products.add(random.nextInt(5) == 0 ? scalar() : object(1));
            }
            props.put("products", random.nextInt(8) == 0 ? scalar() : products);
        }
        message.put("properties", properties);
        if (random.nextInt(10) == 0 && traits instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) map;
            t.put("self", message);
        }
        return message;
    }

    private Object value(int depth) {
        int pick = random.nextInt(10);
        if (depth < 4 && pick == 0) {
            return object(depth + 1);
        }
        if (depth < 4 && pick == 1) {
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                list.add(value(depth + 1));
            }
            return list;
        }
        return scalar();
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(7); i > 0; i--) {
            map.put(KEYS[random.nextInt(KEYS.length)], value(depth));
        }
        if (random.nextInt(20) == 0) {
            map.put("loop", map);
        }
        return map;
    }

    private Object scalar() {
        return switch (random.nextInt(16)) {
            case 0 -> null;
            case 1 -> JavaValues.JS_UNDEFINED;
            case 2 -> random.nextBoolean();
            case 3 -> (double) random.nextInt(2000) - 1000;
            case 4 -> random.nextDouble() * 1e22;
            case 5 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0}[random.nextInt(5)];
            case 6 -> "u" + random.nextInt(100) + "@example.com";
            case 7 -> "$" + random.nextInt(100) + "." + random.nextInt(100);
            case 8 -> new String[] {"", " ", "John Q Doe", "  Cher ", "a@b", "\u2028x@y.z"}[random.nextInt(6)];
            case 9 -> new JavaValues.Opaque("function");
            case 10 -> new JavaValues.JsDate(random.nextBoolean() ? Double.NaN : random.nextInt() * 1000.0);
            case 11 -> BigInteger.valueOf(random.nextLong());
            case 12 -> JavaValues.THROWING_GETTER;
            default -> "v" + random.nextInt(1000);
        };
    }

    /** A text for a value that survives cycles, to check that nothing was changed. */
    private static String fingerprint(Object value) {
        StringBuilder out = new StringBuilder();
        fingerprint(value, new IdentityHashMap<>(), out);
        return out.toString();
    }

    private static void fingerprint(Object value, IdentityHashMap<Object, Integer> seen, StringBuilder out) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            Integer id = seen.get(value);
            if (id != null) {
                out.append("#").append(id);
                return;
            }
            seen.put(value, seen.size());
            if (value instanceof Map<?, ?> map) {
                out.append('{');
                map.forEach((k, v) -> {
                    out.append(k).append('=');
                    fingerprint(v, seen, out);
                    out.append(',');
                });
                out.append('}');
            } else {
                out.append('[');
                for (Object v : (List<?>) value) {
                    fingerprint(v, seen, out);
                    out.append(',');
                }
                out.append(']');
            }
        } else {
            out.append(value);
        }
    }
}
