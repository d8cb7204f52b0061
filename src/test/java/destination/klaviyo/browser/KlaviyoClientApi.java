package destination.klaviyo.browser;

import destination.klaviyo.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The tests' stand-in of Klaviyo's Create Client Subscription, as Klaviyo answers a browser: CORS for
 * the {@code revision} and {@code content-type} headers and no others; a 400 with JSON:API errors for
 * a body that does not match Klaviyo's schema; else the statuses a test programs, in turn.
 * https://developers.klaviyo.com/en/v2025-01-15/reference/create_client_subscription
 * (schema: https://github.com/klaviyo/openapi, {@code create_client_subscription.json})
 *
 * <p>The schema, as far as a browser's request can meet it: {@code data} of type {@code subscription}
 * with {@code attributes} and {@code relationships}; {@code attributes.custom_source} a string or
 * null; {@code attributes.profile.data} of type {@code profile} whose attributes have an email or a
 * phone_number (E.164) and only the fields Klaviyo knows; {@code subscriptions} naming only known
 * channels, each with {@code marketing.consent: "SUBSCRIBED"}, and a channel only with its identifier;
 * {@code relationships.list.data} of type {@code list} with a string id. Unknown fields are refused,
 * as Klaviyo's JSON:API validation does.
 */
final class KlaviyoClientApi {
    static final String SUBSCRIPTIONS = "https://a.klaviyo.com/client/subscriptions";

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");
    private static final Set<String> PROFILE_FIELDS = Set.of("email", "phone_number", "external_id", "_kx",
            "first_name", "last_name", "organization", "locale", "title", "image", "location", "properties", "meta",
            "subscriptions");

    private KlaviyoClientApi() {
    }

    /**
     * Klaviyo's API with its CORS, answering a body it accepts with these statuses in turn (the last
     * repeats); a 202 has an empty body, anything else JSON:API errors.
     */
    static Consumer<FakeWeb> answering(int... statuses) {
        FakeWeb.Reply[] replies = new FakeWeb.Reply[statuses.length];
        for (int i = 0; i < statuses.length; i++) {
            replies[i] = reply(statuses[i], Map.of());
        }
        return answering(replies);
    }

    /** Klaviyo's API with its CORS, answering a body it accepts with these replies in turn (the last repeats). */
    static Consumer<FakeWeb> answering(FakeWeb.Reply... replies) {
        return answeringAfter(0, replies);
    }

    /** {@link #answering(FakeWeb.Reply...)}, each answer {@code millis} after the request arrived (a slow Klaviyo). */
    static Consumer<FakeWeb> answeringAfter(long millis, FakeWeb.Reply... replies) {
        AtomicInteger answered = new AtomicInteger();
        return web -> web.route(SUBSCRIPTIONS, request -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<String> problems = problems(request.body());
            if (!problems.isEmpty()) {
                return refusal(problems);
            }
            return replies[Math.min(answered.getAndIncrement(), replies.length - 1)];
        }).cors(SUBSCRIPTIONS, "*", "POST, OPTIONS", "revision, content-type");
    }

    /** A reply of Klaviyo's: 202 with no body, or this status with JSON:API errors; with these headers. */
    static FakeWeb.Reply reply(int status, Map<String, String> headers) {
        String body = status == 202 ? "" : "{\"errors\": [{\"id\": \"stand-in\", \"status\": " + status
                + ", \"code\": \"error\", \"title\": \"Status " + status + "\", \"detail\": \"as the test asked\"}]}";
        return new FakeWeb.Reply(status, status == 202 ? "text/plain" : "application/vnd.api+json",
                body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Klaviyo's 400 for a body that does not match its schema: one JSON:API error per problem. */
    static FakeWeb.Reply refusal(List<String> problems) {
        List<Object> errors = new ArrayList<>();
        for (String problem : problems) {
            int colon = problem.indexOf(": ");
            errors.add(Map.of("id", "stand-in", "status", 400.0, "code", "invalid", "title", "Invalid input.",
                    "detail", problem.substring(colon + 2), "source", Map.of("pointer", problem.substring(0, colon))));
        }
        return new FakeWeb.Reply(400, "application/vnd.api+json",
                JsonText.write(Map.of("errors", errors)).getBytes(StandardCharsets.UTF_8));
    }

    /** What Klaviyo would refuse in a request body, each as "pointer: detail"; empty when it accepts it. */
    static List<String> problems(String body) {
        List<String> problems = new ArrayList<>();
        Object parsed;
        try {
            parsed = JsonText.parse(body == null ? "" : body);
        } catch (RuntimeException e) {
            problems.add(": the body is not JSON");
            return problems;
        }
        Map<?, ?> data = object(problems, "/data", field(parsed, "data"), Set.of("type", "attributes", "relationships"));
        is(problems, "/data/type", field(data, "type"), "subscription");
        Map<?, ?> attributes = object(problems, "/data/attributes", field(data, "attributes"),
                Set.of("custom_source", "profile"));
        Object source = field(attributes, "custom_source");
        if (source != null && !(source instanceof String)) {
            problems.add("/data/attributes/custom_source: must be a string");
        }
        Map<?, ?> profile = object(problems, "/data/attributes/profile/data",
                field(object(problems, "/data/attributes/profile", field(attributes, "profile"), Set.of("data")), "data"),
                Set.of("type", "id", "attributes", "meta"));
        is(problems, "/data/attributes/profile/data/type", field(profile, "type"), "profile");
        String at = "/data/attributes/profile/data/attributes";
        Map<?, ?> person = object(problems, at, field(profile, "attributes"), PROFILE_FIELDS);
        Object email = field(person, "email");
        Object phone = field(person, "phone_number");
        if (email == null && phone == null) {
            problems.add(at + ": one of email or phone_number is required");
        }
        if (email != null && !(email instanceof String text && EMAIL.matcher(text).matches())) {
            problems.add(at + "/email: invalid email address");
        }
        if (phone != null && !(phone instanceof String text && E164.matcher(text).matches())) {
            problems.add(at + "/phone_number: invalid phone number, must be E.164");
        }
        Object subscriptions = field(person, "subscriptions");
        if (subscriptions != null) {
            Map<?, ?> channels = object(problems, at + "/subscriptions", subscriptions, Set.of("email", "sms", "whatsapp", "push"));
            for (Map.Entry<?, ?> channel : channels.entrySet()) {
                String pointer = at + "/subscriptions/" + channel.getKey();
                Map<?, ?> parameters = object(problems, pointer, channel.getValue(), Set.of("marketing", "transactional",
                        "open_tracking", "tokens", "anonymous_id"));
                for (Map.Entry<?, ?> kind : parameters.entrySet()) {
                    if (kind.getValue() instanceof Map<?, ?>) {
                        is(problems, pointer + "/" + kind.getKey() + "/consent", field(kind.getValue(), "consent"), "SUBSCRIBED");
                        object(problems, pointer + "/" + kind.getKey(), kind.getValue(), Set.of("consent"));
                    }
                }
                if ("email".equals(channel.getKey()) && email == null || "sms".equals(channel.getKey()) && phone == null) {
                    problems.add(pointer + ": a channel needs its identifier");
                }
            }
        }
        Map<?, ?> list = object(problems, "/data/relationships/list/data", field(object(problems, "/data/relationships/list",
                field(object(problems, "/data/relationships", field(data, "relationships"), Set.of("list")), "list"),
                Set.of("data")), "data"), Set.of("type", "id"));
        is(problems, "/data/relationships/list/data/type", field(list, "type"), "list");
        if (!(field(list, "id") instanceof String id && !id.isEmpty())) {
            problems.add("/data/relationships/list/data/id: a list id is required");
        }
        return problems;
    }

    private static Object field(Object object, String name) {
        return object instanceof Map<?, ?> map ? map.get(name) : null;
    }

    /** The value as an object with only these fields, else a problem and an empty object. */
    private static Map<?, ?> object(List<String> problems, String pointer, Object value, Set<String> fields) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(pointer + ": an object is required");
            return Map.of();
        }
        for (Object key : map.keySet()) {
            if (!fields.contains(key)) {
                problems.add(pointer + "/" + key + ": '" + key + "' is not a valid field");
            }
        }
        return map;
    }

    private static void is(List<String> problems, String pointer, Object value, String expected) {
        if (!expected.equals(value)) {
            problems.add(pointer + ": must be \"" + expected + "\"");
        }
    }
}
