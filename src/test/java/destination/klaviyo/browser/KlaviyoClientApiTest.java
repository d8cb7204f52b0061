package destination.klaviyo.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stand-in of Klaviyo's client API checks a subscription's body as Klaviyo's schema does: it
 * takes the request Klaviyo documents, and refuses, with a 400 naming the field, what Klaviyo refuses.
 */
class KlaviyoClientApiTest {
    /** Klaviyo's own example, as the destination sends it, with the profile's attributes in the middle. */
    private static String body(String profile) {
        return "{\"data\": {\"type\": \"subscription\", \"attributes\": {\"custom_source\": \"Segment analytics.js\","
                + " \"profile\": {\"data\": {\"type\": \"profile\", \"attributes\": " + profile + "}}},"
                + " \"relationships\": {\"list\": {\"data\": {\"type\": \"list\", \"id\": \"Y6nRLr\"}}}}}";
    }

    private static final String SUBSCRIBED = "{\"marketing\": {\"consent\": \"SUBSCRIBED\"}}";
    private static final String AT = "/data/attributes/profile/data/attributes";

    @Test
    void theBodiesTheDestinationSendsAreAccepted() {
        assertEquals(List.of(), KlaviyoClientApi.problems(SubscriptionsTest.body("Y6nRLr", "ada@example.com", null)));
        assertEquals(List.of(), KlaviyoClientApi.problems(SubscriptionsTest.body("Y6nRLr", "ada@example.com", "+15005550006")));
        // Without subscriptions, every channel given is subscribed: that is valid too.
        assertEquals(List.of(), KlaviyoClientApi.problems(body("{\"phone_number\": \"+442071838750\"}")));
    }

    @Test
    void aPhoneThatIsNotE164IsRefusedEmailAndAll() {
        for (String phone : List.of("+1 (500) 555-0006", "15005550006", "+05005550006", "+1500555", "+1500555000612345",
                "+1500555000a")) {
            assertEquals(List.of(AT + "/phone_number: invalid phone number, must be E.164"), KlaviyoClientApi.problems(
                    body("{\"email\": \"ada@example.com\", \"phone_number\": \"" + phone + "\", \"subscriptions\":"
                            + " {\"email\": " + SUBSCRIBED + ", \"sms\": " + SUBSCRIBED + "}}")), phone);
        }
    }

    @Test
    void anEmailKlaviyoCannotTakeIsRefused() {
        for (String email : List.of("ada", "ada@example", "ada@@example.com", " ada@example.com", "ada @example.com",
                "ada@example..com", "ada@.example.com", "ada@example.com.")) {
            assertEquals(List.of(AT + "/email: invalid email address"), KlaviyoClientApi.problems(
                    body("{\"email\": \"" + email + "\"}")), email);
        }
    }

    @Test
    void requiredFieldsAndTheListRelationshipAreChecked() {
        assertEquals(List.of(AT + ": one of email or phone_number is required"),
                KlaviyoClientApi.problems(body("{\"first_name\": \"Ada\"}")));
        assertEquals(List.of(AT + "/subscriptions/sms: a channel needs its identifier"), KlaviyoClientApi.problems(
                body("{\"email\": \"ada@example.com\", \"subscriptions\": {\"sms\": " + SUBSCRIBED + "}}")));
        assertEquals(List.of(AT + "/subscriptions/email/marketing/consent: must be \"SUBSCRIBED\""), KlaviyoClientApi.problems(
                body("{\"email\": \"ada@example.com\", \"subscriptions\": {\"email\": {\"marketing\": {\"consent\": \"yes\"}}}}")));
        assertEquals(List.of(AT + "/$email: '$email' is not a valid field", AT + ": one of email or phone_number is required"),
                KlaviyoClientApi.problems(body("{\"$email\": \"ada@example.com\"}")));
        String noList = SubscriptionsTest.body("Y6nRLr", "ada@example.com", null).replace(
                "\"relationships\":{\"list\":{\"data\":{\"type\":\"list\",\"id\":\"Y6nRLr\"}}}", "\"relationships\":{}");
        assertEquals(List.of("/data/relationships/list: an object is required", "/data/relationships/list/data: an object is required",
                "/data/relationships/list/data/type: must be \"list\"", "/data/relationships/list/data/id: a list id is required"),
                KlaviyoClientApi.problems(noList));
        assertEquals(List.of("/data/attributes/custom_source: must be a string"), KlaviyoClientApi.problems(
                SubscriptionsTest.body("Y6nRLr", "ada@example.com", null).replace("\"Segment analytics.js\"", "42")));
        assertEquals(List.of("/data/relationships/list/data/id: a list id is required"), KlaviyoClientApi.problems(
                SubscriptionsTest.body("", "ada@example.com", null)));
        assertEquals(List.of(": the body is not JSON"), KlaviyoClientApi.problems("email=ada@example.com"));
    }

    @Test
    void aRefusalIsAJsonApiErrorNamingTheField() {
        FakeWeb.Reply reply = KlaviyoClientApi.refusal(List.of(AT + "/phone_number: invalid phone number, must be E.164"));
        assertEquals(400, reply.status());
        assertEquals("application/vnd.api+json", reply.contentType());
        assertEquals(destination.klaviyo.JsonText.parse("{\"errors\": [{\"id\": \"stand-in\", \"status\": 400, \"code\": \"invalid\","
                + " \"title\": \"Invalid input.\", \"detail\": \"invalid phone number, must be E.164\","
                + " \"source\": {\"pointer\": \"" + AT + "/phone_number\"}}]}"),
                destination.klaviyo.JsonText.parse(new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8)));
    }
}
