package destination.klaviyo.core;

import static destination.klaviyo.core.JavaValues.map;

import destination.klaviyo.JsonText;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which klaviyoForms events count and what the host's analytics instance is told: each call recorded
 * as its method and its exact arguments, as JSON.
 */
class FormEventTest {
    private static final String NOT_FOR_KLAVIYO = "{\"integrations\": {\"Klaviyo\": false}}";

    private final JavaValues values = new JavaValues();
    private final FormEvent forms = new FormEvent(values);
    private final List<String> calls = new ArrayList<>();

    /** Reports one event's detail (JSON text or a value); returns the calls made, then forgets them. */
    private List<String> report(Object detail) {
        int mark = values.top();
        try {
            forms.report(values, values.hold(detail instanceof String s ? JsonText.parse(s) : detail),
                    (method, arguments) -> calls.add(method + " " + JsonText.write(values.value(arguments))));
        } finally {
            values.release(mark);
        }
        List<String> made = new ArrayList<>(calls);
        calls.clear();
        return made;
    }

    private static String identify(String traits) {
        return "identify " + JsonText.write(List.of(JsonText.parse(traits), JsonText.parse(NOT_FOR_KLAVIYO)));
    }

    private static String track(String properties) {
        return "track " + JsonText.write(List.of(FormEvent.SUBMITTED, JsonText.parse(properties), JsonText.parse(NOT_FOR_KLAVIYO)));
    }

    @Test
    void aSubmitIdentifiesTheVisitorAndTracksTheForm() {
        assertEquals(List.of(identify("{\"email\": \"a@example.com\", \"phone\": \"+15555550100\"}"),
                track("{\"form_id\": \"F0rM1d\", \"form_version_id\": 7}")),
                report("{\"type\": \"submit\", \"formId\": \"F0rM1d\", \"formVersionId\": 7,"
                        + " \"metaData\": {\"$email\": \"  a@example.com \", \"$phone_number\": \"+15555550100\", \"$first_name\": \"Ann\"}}"));
    }

    @Test
    void aStepSubmitOnlyIdentifies() {
        assertEquals(List.of(identify("{\"email\": \"a@example.com\"}")),
                report("{\"type\": \"stepSubmit\", \"formId\": \"F0rM1d\", \"metaData\": {\"$email\": \"a@example.com\"}}"));
        assertEquals(List.of(), report("{\"type\": \"stepSubmit\", \"formId\": \"F0rM1d\", \"metaData\": {\"$first_name\": \"Ann\"}}"));
    }

    @Test
    void anEmailOrPhoneIsReportedOncePerPageAndTheOtherComesAlong() {
        String submit = "{\"type\": \"submit\", \"formId\": \"F0rM1d\", \"metaData\": %s}";
        report(String.format(submit, "{\"$email\": \"a@example.com\"}"));
        assertEquals(List.of(track("{\"form_id\": \"F0rM1d\"}")), report(String.format(submit, "{\"$email\": \" a@example.com\"}")),
                "the same email, trimmed");
        assertEquals(List.of(identify("{\"email\": \"a@example.com\", \"phone\": \"+15555550100\"}"), track("{\"form_id\": \"F0rM1d\"}")),
                report(String.format(submit, "{\"$email\": \"a@example.com\", \"$phone_number\": \"+15555550100\"}")),
                "a new phone: both go");
        assertEquals(List.of(identify("{\"email\": \"+15555550100\"}"), track("{\"form_id\": \"F0rM1d\"}")),
                report(String.format(submit, "{\"$email\": \"+15555550100\"}")), "an email and a phone are remembered apart");
    }

    @Test
    void emptyOrNonStringValuesAreLeftOut() {
        assertEquals(List.of(track("{\"form_id\": \"F0rM1d\"}")), report("{\"type\": \"submit\", \"formId\": \"F0rM1d\","
                + " \"formVersionId\": {\"v\": 1}, \"metaData\": {\"$email\": \"\", \"$phone_number\": \"   \"}}"));
        assertEquals(List.of(identify("{\"email\": \"b@example.com\"}"), track("{\"form_id\": \"F0rM1d\", \"form_version_id\": \"v2\"}")),
                report("{\"type\": \"submit\", \"formId\": \"F0rM1d\", \"formVersionId\": \"v2\","
                        + " \"metaData\": {\"$email\": \"b@example.com\", \"$phone_number\": 15555550100}}"));
        assertEquals(List.of(track("{\"form_id\": \"F0rM1d\"}")), report(map("type", "submit", "formId", "F0rM1d",
                "formVersionId", Double.NaN, "metaData", map("$email", new JavaValues.Opaque("an object with a toString")))));
        assertEquals(List.of(track("{\"form_id\": \"F0rM1d\"}")),
                report("{\"type\": \"submit\", \"formId\": \"F0rM1d\", \"metaData\": \"a@example.com\"}"), "metaData that is no object");
        assertEquals(List.of(track("{\"form_id\": \"F0rM1d\"}")), report("{\"type\": \"submit\", \"formId\": \"F0rM1d\"}"));
    }

    @Test
    void onlyASubmitOrStepSubmitWithAFormIdCounts() {
        for (String detail : List.of("null", "\"submit\"", "42", "[]", "{}", "{\"type\": \"submit\"}", "{\"type\": \"open\", \"formId\": \"F\"}",
                "{\"type\": \"SUBMIT\", \"formId\": \"F\"}", "{\"type\": [\"submit\"], \"formId\": \"F\"}",
                "{\"type\": \"submit\", \"formId\": 42}", "{\"type\": \"submit\", \"formId\": \"\"}",
                "{\"type\": \"submit\", \"formId\": [\"F\"]}")) {
            String withEmail = detail.startsWith("{\"") ? detail.replace("}", ", \"metaData\": {\"$email\": \"a@example.com\"}}") : detail;
            assertEquals(List.of(), report(withEmail), withEmail);
        }
        assertEquals(List.of(), report(JavaValues.JS_UNDEFINED));
        assertEquals(List.of(), report(map("type", new JavaValues.Opaque("an object whose toString says submit"), "formId", "F")));
    }

    @Test
    void anEventThatThrowsOrIsNoDataIsIgnoredWhole() {
        Object thrower = JavaValues.THROWING_GETTER;
        Object[] details = {
            map("type", thrower, "formId", "F0rM1d"),
            map("type", "submit", "formId", thrower),
            map("type", "submit", "formId", "F0rM1d", "formVersionId", thrower),
            map("type", "submit", "formId", "F0rM1d", "metaData", thrower),
            map("type", "submit", "formId", "F0rM1d", "metaData", map("$email", thrower)),
            map("type", "submit", "formId", "F0rM1d", "metaData", map("$email", "a@example.com", "$phone_number", thrower)),
            map("type", "submit", "formId", "F0rM1d", "metaData", new JavaValues.Opaque("a Proxy whose traps throw")),
            new JavaValues.Opaque("a Proxy whose traps throw"),
        };
        for (Object detail : details) {
            assertEquals(List.of(), report(detail), detail.toString());
        }
        assertEquals(List.of(identify("{\"email\": \"a@example.com\"}"), track("{\"form_id\": \"F0rM1d\"}")),
                report("{\"type\": \"submit\", \"formId\": \"F0rM1d\", \"metaData\": {\"$email\": \"a@example.com\"}}"),
                "what an ignored event held was not remembered");
    }
}
