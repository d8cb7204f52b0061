package destination.klaviyo.browser;

import static destination.klaviyo.browser.PageProbes.READY;
import static destination.klaviyo.browser.PageProbes.startDestination;
import static destination.klaviyo.browser.ShopEvents.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import destination.klaviyo.JsonText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * Klaviyo's sign-up forms reported to analytics.js (setting {@code reportKlaviyoForms}): a form's
 * {@code klaviyoForms} event on window becomes an identify (traits only) and, for a submit, a track
 * "Klaviyo Form Submitted", on the analytics instance each host gives the destination, with
 * {@code integrations: {Klaviyo: false}} so that nothing echoes back to Klaviyo. The tests dispatch
 * the event as Klaviyo's forms do.
 * https://developers.klaviyo.com/en/docs/track_klaviyo_form_activity_using_javascript
 */
class FormsBridgeTest {
    private static final String SETTINGS = "{\"apiKey\": \"hfWBjc\", \"reportKlaviyoForms\": true}";
    private static final String EMAIL = "visitor@example.com";
    private static final String PHONE = "+15555550100";

    /** Dispatches a klaviyoForms event on window, as Klaviyo's forms do; {@code detailJs} is a JavaScript expression. */
    static String formEvent(String detailJs) {
        return "(function () { var e = document.createEvent('CustomEvent');"
                + " e.initCustomEvent('klaviyoForms', false, false, " + detailJs + "); window.dispatchEvent(e); })();";
    }

    /** A submit of form F0rM1d (version 7654321) with an email, a phone and another field. */
    static final String SUBMIT = formEvent("{type: 'submit', formId: 'F0rM1d', formVersionId: 7654321,"
            + " metaData: {$email: '" + EMAIL + "', $phone_number: '" + PHONE + "', $source: 'Popup'}}");

    /** The analytics calls a host sends, as Segment's API got them: type, userId, traits or event and properties, integrations. */
    private static List<String> segmentApiCalls(HostPage page) {
        List<String> calls = new ArrayList<>();
        for (Map<String, Object> event : page.segmentApiEvents()) {
            calls.add(JsonText.write(call(event.get("type"), event.get("userId"), event.get("event"),
                    event.get("traits"), event.get("properties"), event.get("integrations"))));
        }
        return JsonText.canonical(calls);
    }

    private static Map<String, Object> call(Object type, Object userId, Object event, Object traits, Object properties,
            Object integrations) {
        Map<String, Object> call = new java.util.LinkedHashMap<>();
        call.put("type", type);
        call.put("userId", userId);
        if ("identify".equals(type)) {
            call.put("traits", traits);
        } else {
            call.put("event", event);
            call.put("properties", properties);
        }
        call.put("integrations", integrations);
        return call;
    }

    private static final String IDENTIFY_USER = """
            {"type": "identify", "userId": "user-1", "traits": {}, "integrations": {}}""";
    private static final String IDENTIFY_FROM_FORM = """
            {"type": "identify", "userId": "user-1", "traits": {"email": "visitor@example.com", "phone": "+15555550100"},
             "integrations": {"Klaviyo": false}}""";
    private static final String FORM_SUBMITTED = """
            {"type": "track", "userId": "user-1", "event": "Klaviyo Form Submitted",
             "properties": {"form_id": "F0rM1d", "form_version_id": 7654321}, "integrations": {"Klaviyo": false}}""";

    @Test
    void aSubmitThroughAnalyticsNextReachesSegmentAsIdentifyAndTrackAndNothingEchoesToKlaviyo() {
        for (Function<String, HostPage> host : List.<Function<String, HostPage>>of(HostPage::analyticsNext,
                HostPage::analyticsNextPlugin)) {
            try (HostPage page = host.apply(SETTINGS)) {
                page.whenReady("analytics.identify('user-1'); window.identified = true;");
                page.waitUntil("window.identified === true");
                page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"user-1\"}]");
                page.waitUntil("analytics.user().id() === 'user-1'");
                page.run(SUBMIT);
                page.awaitSegmentApiTrack("Klaviyo Form Submitted");
                page.awaitSegmentApiEvents(4);
                List<String> calls = segmentApiCalls(page);
                // The snippet's page, then the site's identify, then the form's identify and track.
                assertEquals(JsonText.canonical(List.of(IDENTIFY_USER, IDENTIFY_FROM_FORM, FORM_SUBMITTED)),
                        calls.stream().filter(c -> !c.contains("\"type\":\"page\"")).toList());
                page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"user-1\"}]");
                // analytics.js keeps the userId it has, and the traits now hold the form's email and phone.
                assertEquals("user-1", page.text("analytics.user().id()"));
                assertEquals(EMAIL, page.text("analytics.user().traits().email"));
            }
        }
    }

    @Test
    void theSettingCanComeFromAnalyticsNextsLoadOptions() {
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS,
                HostPage.loadOptions("{integrations: {Klaviyo: {reportKlaviyoForms: true}}}"))) {
            page.awaitReady();
            page.run(SUBMIT);
            Map<String, Object> track = page.awaitSegmentApiTrack("Klaviyo Form Submitted");
            assertEquals(JsonText.canonical("{\"form_id\": \"F0rM1d\", \"form_version_id\": 7654321}"),
                    JsonText.canonical(JsonText.write(track.get("properties"))));
            page.assertKlaviyoCommands(ACCOUNT);
        }
    }

    /** Records what analytics.js-core emits for identify and track: (type, id or event, traits or properties, options). */
    private static final String RECORD_CORE_CALLS = """
            window.coreCalls = [];
            analytics.on('identify', function (id, traits, options) {
              coreCalls.push(JSON.stringify(['identify', id, traits, options])); });
            analytics.on('track', function (event, properties, options) {
              coreCalls.push(JSON.stringify(['track', event, properties, options])); });""";

    @Test
    void aSubmitThroughAnalyticsCoreIsIdentifiedAndTrackedThereAndNothingEchoesToKlaviyo() {
        try (HostPage page = HostPage.analyticsCore(SETTINGS)) {
            page.awaitReady();
            page.run(RECORD_CORE_CALLS + "analytics.identify('user-1');");
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"user-1\"}]");
            page.run(SUBMIT);
            assertEquals(JsonText.canonical(List.of(
                    "[\"identify\", \"user-1\", null, null]",
                    "[\"identify\", \"user-1\", {\"email\": \"visitor@example.com\", \"phone\": \"+15555550100\"},"
                            + " {\"integrations\": {\"Klaviyo\": false}}]",
                    "[\"track\", \"Klaviyo Form Submitted\", {\"form_id\": \"F0rM1d\", \"form_version_id\": 7654321},"
                            + " {\"integrations\": {\"Klaviyo\": false}}]")),
                    JsonText.canonical(JsonText.parseStrings(page.text("JSON.stringify(coreCalls)"))));
            page.assertKlaviyoCommands(ACCOUNT, "[\"identify\", {\"$id\": \"user-1\"}]");
            assertEquals("user-1", page.text("analytics.user().id()"));
            assertEquals(PHONE, page.text("analytics.user().traits().phone"));
        }
    }

    /**
     * A bare page whose integration {@code k}, made with these settings, has a recording analytics
     * instance as a host gives it: {@code analyticsCalls} gets each call as JSON.
     */
    private static HostPage barePage(String settings) {
        HostPage page = HostPage.bare();
        PageProbes.install(page);
        page.run("window.analyticsCalls = []; window.recorder = {"
                + " identify: function () { analyticsCalls.push(JSON.stringify(['identify'].concat([].slice.call(arguments)))); },"
                + " track: function () { analyticsCalls.push(JSON.stringify(['track'].concat([].slice.call(arguments)))); } };");
        startDestination(page, settings, "k.analytics = recorder;");
        page.waitUntil(READY);
        return page;
    }

    private static List<String> analyticsCalls(HostPage page) {
        return JsonText.canonical(JsonText.parseStrings(page.text("JSON.stringify(analyticsCalls)")));
    }

    private static String identifyCall(String traits) {
        return JsonText.canonical("[\"identify\", " + traits + ", {\"integrations\": {\"Klaviyo\": false}}]");
    }

    private static String trackCall(String properties) {
        return JsonText.canonical("[\"track\", \"Klaviyo Form Submitted\", " + properties
                + ", {\"integrations\": {\"Klaviyo\": false}}]");
    }

    @Test
    void stepSubmitsIdentifyOnlyAndEachEmailOrPhoneIsIdentifiedOncePerPage() {
        try (HostPage page = barePage("{apiKey: 'hfWBjc', reportKlaviyoForms: true}")) {
            page.run(formEvent("{type: 'stepSubmit', formId: 'F0rM1d', metaData: {$email: 'a@example.com'}}"));
            page.run(formEvent("{type: 'stepSubmit', formId: 'F0rM1d', metaData: {$email: 'a@example.com',"
                    + " $phone_number: '+15555550100'}}"));
            // The submit at the end has nothing new: no identify, but the track.
            page.run(formEvent("{type: 'submit', formId: 'F0rM1d', formVersionId: 'v2',"
                    + " metaData: {$email: 'a@example.com', $phone_number: '+15555550100'}}"));
            // Another form, same visitor, the email padded: still nothing new.
            page.run(formEvent("{type: 'submit', formId: 'Oth3r1', metaData: {$email: ' a@example.com '}}"));
            page.run(formEvent("{type: 'submit', formId: 'Oth3r1', metaData: {$email: 'b@example.com'}}"));
            assertEquals(List.of(
                    identifyCall("{\"email\": \"a@example.com\"}"),
                    identifyCall("{\"email\": \"a@example.com\", \"phone\": \"+15555550100\"}"),
                    trackCall("{\"form_id\": \"F0rM1d\", \"form_version_id\": \"v2\"}"),
                    trackCall("{\"form_id\": \"Oth3r1\"}"),
                    identifyCall("{\"email\": \"b@example.com\"}"),
                    trackCall("{\"form_id\": \"Oth3r1\"}")), analyticsCalls(page));
            page.assertKlaviyoCommands(ACCOUNT);
        }
    }

    @Test
    void otherFormEventsAndSubmitsWithoutAnEmailOrPhoneSendNoIdentify() {
        try (HostPage page = barePage("{apiKey: 'hfWBjc', reportKlaviyoForms: true}")) {
            for (String type : List.of("open", "embedOpen", "close", "redirectedToUrl")) {
                page.run(formEvent("{type: '" + type + "', formId: 'F0rM1d', metaData: {$email: 'a@example.com'}}"));
            }
            page.run(formEvent("{type: 'stepSubmit', formId: 'F0rM1d', metaData: {$first_name: 'Ann'}}"));
            page.run(formEvent("{type: 'submit', formId: 'F0rM1d', metaData: {$email: '', $phone_number: '   '}}"));
            page.run(formEvent("{type: 'submit', formId: 'F0rM1d'}"));
            assertEquals(List.of(trackCall("{\"form_id\": \"F0rM1d\"}"), trackCall("{\"form_id\": \"F0rM1d\"}")),
                    analyticsCalls(page));
        }
    }

    @Test
    void malformedEventsAreIgnoredWithoutAnErrorAndUnchanged() {
        try (HostPage page = barePage("{apiKey: 'hfWBjc', reportKlaviyoForms: true}")) {
            page.run("""
                    window.details = [];
                    function thrower(key, base) {
                      var o = base || {};
                      Object.defineProperty(o, key, {enumerable: true, get: function () { throw new Error('getter'); }});
                      return o;
                    }
                    details.push(undefined, null, 'submit', 42, [], {},
                      {type: 'submit'}, {type: 'submit', formId: 42, metaData: {$email: 'a@example.com'}},
                      {type: 'submit', formId: '', metaData: {$email: 'a@example.com'}},
                      {type: ['submit'], formId: 'F0rM1d', metaData: {$email: 'a@example.com'}},
                      {type: 'SUBMIT', formId: 'F0rM1d', metaData: {$email: 'a@example.com'}},
                      {type: {toString: function () { return 'submit'; }}, formId: 'F0rM1d'},
                      {type: 'submit', formId: {toString: function () { return 'F0rM1d'; }}},
                      thrower('type'), thrower('formId', {type: 'submit'}),
                      thrower('metaData', {type: 'submit', formId: 'F0rM1d'}),
                      {type: 'submit', formId: 'F0rM1d', metaData: thrower('$email')},
                      {type: 'submit', formId: 'F0rM1d', metaData: thrower('$phone_number', {$email: 'a@example.com'})},
                      new Proxy({}, {get: function () { throw new Error('trap'); }}));
                    window.fingerprints = details.map(function (d) { return probe.fingerprint(d); });
                    details.forEach(function (d) {
                      var e = document.createEvent('CustomEvent');
                      e.initCustomEvent('klaviyoForms', false, false, d);
                      window.dispatchEvent(e);
                    });
                    // Not even a CustomEvent: an Event without detail.
                    window.dispatchEvent(new Event('klaviyoForms'));""");
            assertEquals(List.of(), analyticsCalls(page));
            assertEquals("true", page.text("details.every(function (d, i) { return probe.fingerprint(d) === fingerprints[i]; })"));
            // Values of the wrong type are left out, the rest of a good submit still goes.
            page.run(formEvent("{type: 'submit', formId: 'F0rM1d', formVersionId: NaN,"
                    + " metaData: {$email: {toString: function () { return 'a@example.com'; }}, $phone_number: 15555550100}}"));
            page.run(formEvent("{type: 'submit', formId: 'F0rM1d', formVersionId: {v: 1}, metaData: 'a@example.com'}"));
            assertEquals(List.of(trackCall("{\"form_id\": \"F0rM1d\"}"), trackCall("{\"form_id\": \"F0rM1d\"}")),
                    analyticsCalls(page));
            assertEquals(List.of(), page.problems());
            page.assertKlaviyoCommands(ACCOUNT);
        }
    }

    @Test
    void aHostWhoseAnalyticsThrowsOrIsMissingGetsNoErrorIntoThePage() {
        try (HostPage page = barePage("{apiKey: 'hfWBjc', reportKlaviyoForms: true}")) {
            page.run("recorder.identify = function () { throw new Error('host failure'); };");
            page.run(SUBMIT);
            page.run("k.analytics = undefined;");
            page.run(SUBMIT);
            page.run("k.analytics = {identify: 42};");
            page.run(formEvent("{type: 'submit', formId: 'F0rM1d', metaData: {$email: 'new@example.com'}}"));
            assertEquals(List.of(), analyticsCalls(page));
            assertEquals(List.of(), page.problems());
        }
    }

    @Test
    void offByDefaultNothingIsReported() {
        for (String settings : List.of("{apiKey: 'hfWBjc'}", "{apiKey: 'hfWBjc', reportKlaviyoForms: false}")) {
            try (HostPage page = barePage(settings)) {
                page.run(SUBMIT);
                assertEquals(List.of(), analyticsCalls(page), settings);
            }
        }
        try (HostPage page = HostPage.analyticsNext(ShopEvents.SETTINGS)) {
            page.awaitReady();
            page.run(SUBMIT + "analytics.track('after the form');");
            page.awaitSegmentApiTrack("after the form");
            assertTrue(segmentApiCalls(page).stream().noneMatch(c -> c.contains("Klaviyo Form Submitted")
                    || c.contains(EMAIL)), segmentApiCalls(page).toString());
        }
    }

    @Test
    void theListenerIsAddedOnlyOnceTheDestinationStartsAndOncePerPage() {
        try (HostPage page = HostPage.bare()) {
            page.run("""
                    window.analyticsCalls = [];
                    window.recorder = {identify: function (t) { analyticsCalls.push('identify ' + t.email); },
                      track: function (e, p) { analyticsCalls.push('track ' + p.form_id); }};
                    window.k = new KlaviyoIntegration({apiKey: 'hfWBjc', reportKlaviyoForms: true});
                    k.analytics = recorder;
                    k.initialize();""");
            page.run(formEvent("{type: 'submit', formId: 'before', metaData: {$email: 'before@example.com'}}"));
            assertEquals("[]", page.text("JSON.stringify(analyticsCalls)"), "not started yet");
            // A second integration on the page (analytics.js-core initialised twice): one listener still.
            page.run("k.invoke('page', {obj: {}});"
                    + "window.k2 = new KlaviyoIntegration({apiKey: 'hfWBjc', reportKlaviyoForms: true});"
                    + "k2.analytics = recorder; k2.initialize(); k2.invoke('page', {obj: {}});");
            page.run(formEvent("{type: 'submit', formId: 'after', metaData: {$email: 'after@example.com'}}"));
            assertEquals("[\"identify after@example.com\",\"track after\"]", page.text("JSON.stringify(analyticsCalls)"));
        }
        // Without an apiKey the destination never starts: no listener.
        try (HostPage page = barePage("{reportKlaviyoForms: true}")) {
            page.run(SUBMIT);
            assertEquals(List.of(), analyticsCalls(page));
        }
    }

    @Test
    void thePluginReportsToTheAnalyticsInstanceItsLoadIsGiven() {
        try (HostPage page = HostPage.bare()) {
            page.run("""
                    window.analyticsCalls = [];
                    var recorder = {identify: function (t, o) { analyticsCalls.push(JSON.stringify(['identify', t, o])); },
                      track: function (e, p, o) { analyticsCalls.push(JSON.stringify(['track', e, p, o])); }};
                    window.plugin = KlaviyoIntegration.plugin({apiKey: 'hfWBjc', reportKlaviyoForms: true});
                    plugin.load({}, recorder);""");
            page.run(SUBMIT);
            assertEquals(List.of(
                    identifyCall("{\"email\": \"visitor@example.com\", \"phone\": \"+15555550100\"}"),
                    trackCall("{\"form_id\": \"F0rM1d\", \"form_version_id\": 7654321}")), analyticsCalls(page));
            assertTrue(page.check("plugin.analytics !== undefined"));
        }
    }
}
