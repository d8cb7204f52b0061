package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import destination.klaviyo.JsonText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * identify → a list subscription through Klaviyo's client API, decided here: which list, which email,
 * the phone to SMS only when the call asks, nothing without the setting. What the browser does with it
 * (the request, the retries, the mark) is tested end to end in browser/SubscriptionsTest.
 */
class SubscriptionTest {
    private static final String ON = "{\"apiKey\": \"hfWBjc\", \"subscribeInBrowser\": true, \"listId\": \"Setting\"}";
    private static final String PROFILE = "[[\"identify\", {\"$id\": \"id\", \"$email\": \"ada@example.com\"}]]";

    private static String identify(String traits, String klaviyoOptions) {
        return "{\"userId\": \"id\", \"traits\": " + traits
                + (klaviyoOptions == null ? "" : ", \"integrations\": {\"Klaviyo\": " + klaviyoOptions + "}") + "}";
    }

    @Test
    void theCallsListIdWinsOverTheSetting() {
        Recorder recorder = new Recorder(ON).identify(identify("{\"email\": \"ada@example.com\"}", "{\"listId\": \"baV129\"}"));
        recorder.sent(PROFILE);
        recorder.subscribed("[[\"baV129\", \"ada@example.com\", null]]");
    }

    @Test
    void withoutAListIdInTheCallTheSettingsListIsUsed() {
        new Recorder(ON).identify(identify("{\"email\": \"ada@example.com\"}", null))
                .subscribed("[[\"Setting\", \"ada@example.com\", null]]");
        // Klaviyo: true, or options without a usable listId, leave the setting in charge.
        new Recorder(ON).identify(identify("{\"email\": \"ada@example.com\"}", "true"))
                .subscribed("[[\"Setting\", \"ada@example.com\", null]]");
        new Recorder(ON).identify(identify("{\"email\": \"ada@example.com\"}", "{\"listId\": \"\"}"))
                .subscribed("[[\"Setting\", \"ada@example.com\", null]]");
        new Recorder(ON).identify(identify("{\"email\": \"ada@example.com\"}", "{\"listId\": 42}"))
                .subscribed("[[\"Setting\", \"ada@example.com\", null]]");
    }

    @Test
    void anEmailLikeUserIdIsTheEmailSubscribed() {
        new Recorder(ON).identify("{\"userId\": \"ada@example.com\"}")
                .subscribed("[[\"Setting\", \"ada@example.com\", null]]");
    }

    @Test
    void noEmailNoListIdOrAnEmailThatIsNotAStringSubscribesNothing() {
        Recorder recorder = new Recorder(ON).identify(identify("{\"phone\": \"+15555550100\"}", "{\"smsConsent\": true}"))
                .identify(identify("{\"email\": 42}", null));
        recorder.sent("[[\"identify\", {\"$id\": \"id\", \"$phone_number\": \"+15555550100\"}],"
                + " [\"identify\", {\"$id\": \"id\", \"$email\": 42}]]");
        recorder.subscribed("[]");
        new Recorder("{\"apiKey\": \"hfWBjc\", \"subscribeInBrowser\": true}")
                .identify(identify("{\"email\": \"ada@example.com\"}", null)).subscribed("[]");
    }

    @Test
    void nothingIsSubscribedWithoutTheSettingOrWithoutAnApiKey() {
        Recorder off = new Recorder("{\"apiKey\": \"hfWBjc\", \"listId\": \"Setting\"}")
                .identify(identify("{\"email\": \"ada@example.com\"}", "{\"listId\": \"baV129\", \"smsConsent\": true}"));
        off.sent(PROFILE);
        off.subscribed("[]");
        new Recorder("{\"subscribeInBrowser\": true, \"listId\": \"Setting\"}")
                .identify(identify("{\"email\": \"ada@example.com\"}", null)).subscribed("[]");
    }

    @Test
    void aPhoneIsSubscribedToSmsOnlyWhenTheCallSaysSmsConsentTrue() {
        String traits = "{\"email\": \"ada@example.com\", \"phone\": \"+15555550100\"}";
        new Recorder(ON).identify(identify(traits, "{\"smsConsent\": true}"))
                .subscribed("[[\"Setting\", \"ada@example.com\", \"+15555550100\"]]");
        for (String notConsent : List.of("null", "{}", "{\"smsConsent\": false}", "{\"smsConsent\": \"true\"}",
                "{\"smsConsent\": 1}", "{\"SMSConsent\": true}")) {
            new Recorder(ON).identify(identify(traits, notConsent.equals("null") ? null : notConsent))
                    .subscribed("[[\"Setting\", \"ada@example.com\", null]]");
        }
    }

    @Test
    void theSmsPhoneIsThePhoneTraitElsePhoneNumberAndAlwaysAString() {
        String sms = "{\"smsConsent\": true}";
        new Recorder(ON).identify(identify("{\"email\": \"a@b.co\", \"phoneNumber\": \"+15555550101\"}", sms))
                .subscribed("[[\"Setting\", \"a@b.co\", \"+15555550101\"]]");
        new Recorder(ON).identify(identify("{\"email\": \"a@b.co\", \"phone\": \"+15555550103\","
                + " \"phoneNumber\": \"+15555550104\"}", sms)).subscribed("[[\"Setting\", \"a@b.co\", \"+15555550103\"]]");
        new Recorder(ON).identify(identify("{\"email\": \"a@b.co\", \"phone\": 15555550100}", sms))
                .subscribed("[[\"Setting\", \"a@b.co\", null]]");
        // phones is a list the person may not have consented for as a whole: it is not read for SMS.
        new Recorder(ON).identify(identify("{\"email\": \"a@b.co\", \"phones\": [\"+15555550102\"]}", sms))
                .subscribed("[[\"Setting\", \"a@b.co\", null]]");
    }

    @Test
    void aHostileListIdIsHandedOnAsTheValueItIs() {
        String hostile = "x\\\"}, \\\"id\\\": \\\"other&company_id=evil</script>";
        new Recorder(ON).identify(identify("{\"email\": \"ada@example.com\"}", "{\"listId\": \"" + hostile + "\"}"))
                .subscribed("[[\"" + hostile + "\", \"ada@example.com\", null]]");
    }

    @Test
    void confirmOptinFalseIsNotedOnceForSettingOrCall() {
        Recorder recorder = new Recorder("{\"apiKey\": \"k\", \"subscribeInBrowser\": true, \"listId\": \"L\","
                + " \"confirmOptin\": false}");
        recorder.identify(identify("{\"email\": \"a@b.co\"}", null)).identify(identify("{\"email\": \"c@d.co\"}", null));
        assertEquals(List.of("confirmOptin false cannot apply in a browser"), recorder.notes);
        recorder.subscribed("[[\"L\", \"a@b.co\", null], [\"L\", \"c@d.co\", null]]");

        Recorder perCall = new Recorder(ON).identify(identify("{\"email\": \"a@b.co\"}", "{\"confirmOptin\": false}"));
        assertEquals(List.of("confirmOptin false cannot apply in a browser"), perCall.notes);
        // A call's confirmOptin: true wins over the setting's false.
        Recorder overridden = new Recorder("{\"apiKey\": \"k\", \"subscribeInBrowser\": true, \"listId\": \"L\","
                + " \"confirmOptin\": false}").identify(identify("{\"email\": \"a@b.co\"}", "{\"confirmOptin\": true}"));
        assertEquals(List.of(), overridden.notes);
    }

    @Test
    void anIdentifyThatSendsNothingSubscribesNothing() {
        Recorder recorder = new Recorder("{\"apiKey\": \"k\", \"subscribeInBrowser\": true, \"listId\": \"L\","
                + " \"enforceEmail\": true}").identify("{\"userId\": \"id\", \"traits\": {\"name\": \"Ada\"}}");
        recorder.sent("[]");
        recorder.subscribed("[]");
    }

    @Test
    void withTheSettingOffIdentifyMakesNoMorePortCallsThanBefore() {
        Recorder off = new Recorder("{\"apiKey\": \"k\", \"listId\": \"L\"}")
                .identify(identify("{\"email\": \"a@b.co\"}", "{\"listId\": \"baV129\"}"));
        Recorder on = new Recorder("{\"apiKey\": \"k\", \"subscribeInBrowser\": true, \"listId\": \"L\"}")
                .identify(identify("{\"email\": \"a@b.co\"}", "{\"listId\": \"baV129\"}"));
        // Only when subscribing: two lookups (integrations.Klaviyo, then its options), the profile's
        // email checked to be a string, then trimmed and tested, the subscription's key, and the
        // consent and the request's body from their templates.
        assertEquals(off.lastCalls + 8, on.lastCalls);
        assertTrue(off.lastCalls <= 12, "identify made " + off.lastCalls + " port calls");
    }

    @Test
    void anEmailKlaviyoCannotTakeSubscribesNothingAndTheDebugLogSaysWhy() {
        for (String email : List.of("ada", "ada@example", "ada@@example.com", "a@b@example.com", "ada@example..com",
                "ada@.example.com", "ada@example.com.", "@example.com", "ada example@example.com", "ada@exa mple.com",
                "ada@example.c\\u2028om", "ada\\u00a0@example.com", "ada@example.\\ncom", "   ")) {
            Recorder recorder = new Recorder(ON).identify(identify("{\"email\": \"" + email + "\"}", null));
            recorder.subscribed("[]");
            assertEquals(List.of("no subscription: invalid email"), recorder.notes, email);
            // The profile itself goes to Klaviyo as before: only the list subscription waits for a real email.
            assertEquals(1, recorder.commands.size(), email);
        }
    }

    @Test
    void theEmailTestIsAtLeastAsStrictAsIdentifys() {
        // Every email subscribed also passes identify's test (the facade's .+@.+\..+).
        java.util.regex.Pattern identifys = java.util.regex.Pattern.compile(Identify.EMAIL_PATTERN);
        String[] parts = {"a", "@", ".", "b", "@b.c", "a.b", "a@b", ".c", " ", "\u2028", "\n", "@.", ".@", "\u00a0",
            "\ufeff", "\t"};
        java.util.Random random = new java.util.Random(20);
        int subscribed = 0;
        for (int i = 0; i < 10000; i++) {
            StringBuilder email = new StringBuilder();
            for (int n = 1 + random.nextInt(7); n > 0; n--) {
                email.append(parts[random.nextInt(parts.length)]);
            }
            Recorder recorder = new Recorder(ON).identify(java.util.Map.of("userId", "id",
                    "traits", java.util.Map.of("email", email.toString())));
            if (!recorder.subscriptions.isEmpty()) {
                subscribed++;
                String sent = (String) ((List<?>) recorder.subscriptions.get(0)).get(1);
                assertTrue(identifys.matcher(sent).find(), "subscribed but not an email to identify: " + sent);
            }
        }
        assertTrue(subscribed > 150, "too few emails subscribed to tell: " + subscribed);
    }

    @Test
    void anEmailIsSubscribedTrimmed() {
        new Recorder(ON).identify(identify("{\"email\": \"  ada@example.com\\t\"}", null))
                .subscribed("[[\"Setting\", \"ada@example.com\", null]]");
    }

    @Test
    void aPhoneIsSentInE164WithoutTheSpacesDashesDotsAndParenthesesPeopleType() {
        String sms = "{\"smsConsent\": true}";
        for (String[] phone : new String[][] {{"+1 (555) 555-0100", "+15555550100"}, {"+44 20.7183.8750", "+442071838750"},
                {"+49\\u00a030\\u00a0901820", "+4930901820"}, {"+15555550100", "+15555550100"},
                {"+123456789012345", "+123456789012345"}, {"+12345678", "+12345678"}}) {
            Recorder recorder = new Recorder(ON).identify(identify("{\"email\": \"a@b.co\", \"phone\": \"" + phone[0] + "\"}", sms));
            recorder.subscribed("[[\"Setting\", \"a@b.co\", \"" + phone[1] + "\"]]");
            assertEquals(List.of(), recorder.notes, phone[0]);
        }
    }

    @Test
    void aPhoneThatIsNotE164IsLeftOutTheEmailStillSubscribedAndTheDebugLogSaysWhy() {
        String sms = "{\"smsConsent\": true}";
        for (String phone : List.of("555-0100", "(555) 555-0100", "15555550100", "+05555550100", "0044 20 7183 8750",
                "+1234567", "+1234567890123456", "+1 555 CALL NOW", "+1_555_555_0100", "++15555550100", "+1555555\\n0100",
                "+", "+1/555/555/0100")) {
            Recorder recorder = new Recorder(ON).identify(identify("{\"email\": \"a@b.co\", \"phone\": \"" + phone + "\"}", sms));
            recorder.subscribed("[[\"Setting\", \"a@b.co\", null]]");
            assertEquals(List.of("phone left out: not E.164"), recorder.notes, phone);
        }
        // Without smsConsent the phone is not read for the subscription: nothing to say.
        Recorder quiet = new Recorder(ON).identify(identify("{\"email\": \"a@b.co\", \"phone\": \"555-0100\"}", null));
        quiet.subscribed("[[\"Setting\", \"a@b.co\", null]]");
        assertEquals(List.of(), quiet.notes);
    }

    @Test
    void theKeyIsTheListTheEmailAndTheSmsPhone() {
        Recorder recorder = new Recorder(ON)
                .identify(identify("{\"email\": \" ada@example.com\"}", "{\"listId\": \"baV129\"}"))
                .identify(identify("{\"email\": \"ada@example.com\", \"phone\": \"+1 555 555 0100\"}", "{\"smsConsent\": true}"))
                .identify(identify("{\"email\": \"ada@example.com\", \"phone\": \"+1 555 555 0100\"}", null));
        assertEquals(JsonText.parse("[[\"baV129\", \"ada@example.com\", null], [\"Setting\", \"ada@example.com\", \"+15555550100\"],"
                + " [\"Setting\", \"ada@example.com\", null]]"), JsonText.parse(JsonText.write(recorder.keys)));
    }

    @Test
    void hostileTextsAreDecidedWithoutThrowing() {
        String huge = "a".repeat(200_000);
        Recorder recorder = new Recorder(ON)
                .identify(identify("{\"email\": \"" + huge + "@example.com\", \"phone\": \"+1" + "5".repeat(100_000) + "\"}",
                        "{\"smsConsent\": true}"))
                .identify(identify("{\"email\": \"" + "@.".repeat(50_000) + "\"}", null))
                .identify(identify("{\"email\": \"\\ud800@example.com\", \"phone\": \"+1555\\udc005550100\"}", "{\"smsConsent\": true}"));
        recorder.subscribed("[[\"Setting\", \"" + huge + "@example.com\", null], [\"Setting\", \"\\ud800@example.com\", null]]");
        assertEquals(List.of("phone left out: not E.164", "no subscription: invalid email", "phone left out: not E.164"),
                recorder.notes);
    }

    /** Exactly the JSON:API body Klaviyo's Create Client Subscription gets, as Klaviyo documents it. */
    private static String body(String list, String email, String phone) {
        String subscribed = "{\"marketing\": {\"consent\": \"SUBSCRIBED\"}}";
        return "{\"data\": {\"type\": \"subscription\", \"attributes\": {\"custom_source\": \"Segment analytics.js\","
                + " \"profile\": {\"data\": {\"type\": \"profile\", \"attributes\": {\"email\": " + JsonText.quote(email)
                + ", \"subscriptions\": {\"email\": " + subscribed + (phone == null ? "" : ", \"sms\": " + subscribed) + "}"
                + (phone == null ? "" : ", \"phone_number\": " + JsonText.quote(phone)) + "}}}},"
                + " \"relationships\": {\"list\": {\"data\": {\"type\": \"list\", \"id\": " + JsonText.quote(list) + "}}}}}";
    }

    /** The exact bodies, key order included (Klaviyo's documentation's order): compared as written. */
    private static void assertBodies(Recorder recorder, String... expected) {
        List<String> want = new java.util.ArrayList<>();
        for (String body : expected) {
            want.add(JsonText.write(JsonText.parse(body)));
        }
        List<String> got = new java.util.ArrayList<>();
        for (Object body : recorder.bodies) {
            got.add(JsonText.write(body));
        }
        assertEquals(want, got);
    }

    @Test
    void theRequestBodyIsTheEmailTheListAndOurSourceInKlaviyosKeyOrder() {
        Recorder recorder = new Recorder(ON).identify(identify("{\"email\": \" ada@example.com \", \"name\": \"Ada\","
                + " \"phone\": \"+15555550100\"}", "{\"listId\": \"baV129\"}"));
        // Nothing else of the profile (the name, a phone without smsConsent): the onsite identify carries it.
        assertBodies(recorder, body("baV129", "ada@example.com", null));
    }

    @Test
    void withSmsConsentTheBodyHasThePhoneAndTheSmsChannelAfterTheEmailsOnes() {
        Recorder recorder = new Recorder(ON).identify(identify("{\"email\": \"ada@example.com\","
                + " \"phone\": \"+1 (555) 555-0100\"}", "{\"smsConsent\": true}"));
        assertBodies(recorder, body("Setting", "ada@example.com", "+15555550100"));
        // A phone that is not E.164 leaves both out, the email still subscribed.
        Recorder bad = new Recorder(ON).identify(identify("{\"email\": \"ada@example.com\", \"phone\": \"5550100\"}",
                "{\"smsConsent\": true}"));
        assertBodies(bad, body("Setting", "ada@example.com", null));
    }

    @Test
    void aHostileListIdOrEmailStaysAValueInsideTheBody() {
        String list = "x\"}, \"id\": \"other&company_id=evil</script>";
        String email = "a\"b\\c@example.com";
        Recorder recorder = new Recorder(ON).identify(JsonText.write(java.util.Map.of("userId", "id",
                "traits", java.util.Map.of("email", email), "integrations", java.util.Map.of("Klaviyo",
                        java.util.Map.of("listId", list)))));
        assertBodies(recorder, body(list, email, null));
    }
}
