package destination.klaviyo.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        new Recorder(ON).identify(identify("{\"email\": \"a@b.co\", \"phone\": \"+1\", \"phoneNumber\": \"+2\"}", sms))
                .subscribed("[[\"Setting\", \"a@b.co\", \"+1\"]]");
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
        // Two lookups more (integrations.Klaviyo, then its options), only when subscribing.
        assertEquals(off.lastCalls + 2, on.lastCalls);
        assertTrue(off.lastCalls <= 12, "identify made " + off.lastCalls + " port calls");
    }
}
