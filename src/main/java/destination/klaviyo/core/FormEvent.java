package destination.klaviyo.core;

/**
 * Klaviyo's sign-up forms reported to analytics.js (setting {@code reportKlaviyoForms}): which
 * {@code klaviyoForms} events count, and what the host's analytics instance is told. A form dispatches
 * the event on window; on a submit, {@code detail.metaData} holds what the visitor entered.
 * https://developers.klaviyo.com/en/docs/track_klaviyo_form_activity_using_javascript
 *
 * <ul>
 *   <li>Only a {@code submit} or {@code stepSubmit} (those exact strings) with a non-empty string
 *       {@code formId} counts; an event that throws when read, or holds what is no data, is ignored.</li>
 *   <li>An email or phone (a string, trimmed, not empty) not reported before on this page becomes
 *       {@code identify({email, phone})}: traits only, so analytics.js keeps the userId it has.</li>
 *   <li>A submit also becomes {@code track('Klaviyo Form Submitted', {form_id, form_version_id})},
 *       the version when it is a string or a finite number.</li>
 * </ul>
 * Neither goes back to Klaviyo ({@code integrations: {Klaviyo: false}}): it has them already.
 */
public final class FormEvent {
    /** The event a submit becomes. */
    public static final String SUBMITTED = "Klaviyo Form Submitted";

    /** The host's analytics instance. */
    public interface Analytics {
        /** Calls its {@code method} (identify or track) with the elements of the array {@code arguments}. */
        void call(String method, int arguments);
    }

    // What is read of the event's detail and of its metaData, and the entry of each key, by its name.
    private interface Detail {
        String KEYS = "=type =formId =formVersionId =metaData";
        int TYPE = 0;
        int FORM_ID = 1;
        int FORM_VERSION_ID = 2;
        int META_DATA = 3;
    }

    private interface MetaData {
        String KEYS = "=$email =$phone_number";
        int EMAIL = 0;
        int PHONE_NUMBER = 1;
    }

    private final KeyList detail;
    private final KeyList metaData;
    private final KeyList traits;
    private final KeyList properties;
    private final KeyList integrations;
    private final KeyList klaviyo;
    /** What this page reported already: "email" or "phone" (the constant itself), then the value, for each. */
    private String[] seen = new String[8];
    private int reported;

    /** One per page: what the page reported is remembered for the page. */
    public FormEvent(Values values) {
        detail = new KeyList(values, Detail.KEYS);
        metaData = new KeyList(values, MetaData.KEYS);
        traits = new KeyList(values, "email phone");
        properties = new KeyList(values, "form_id form_version_id");
        integrations = new KeyList(values, "integrations");
        klaviyo = new KeyList(values, "Klaviyo");
    }

    /** Reports a {@code klaviyoForms} event's {@code detail} to the host's analytics, when it counts. */
    public void report(Values values, int event, Analytics analytics) {
        Found d = detail.in(values, event);
        // Strict: a type that only turns into 'submit' (['submit'], an object's toString) is no type.
        String type = d.kind(Detail.TYPE) == Values.STRING ? values.text(d.value(Detail.TYPE)) : "";
        int formId = d.kind(Detail.FORM_ID) == Values.STRING ? d.ifTruthy(Detail.FORM_ID) : Values.NO_VALUE;
        int versionKind = d.kind(Detail.FORM_VERSION_ID);
        int version = versionKind == Values.STRING || versionKind == Values.NUMBER ? d.value(Detail.FORM_VERSION_ID) : Values.NO_VALUE;
        // metaData || {}: what is not truthy has no fields.
        Found data = metaData.in(values, d.ifTruthy(Detail.META_DATA));
        boolean threw = d.threw(Detail.TYPE) || d.threw(Detail.FORM_ID) || d.threw(Detail.FORM_VERSION_ID)
                || d.threw(Detail.META_DATA) || d.kind(Detail.META_DATA) == Values.OTHER;
        int email = entered(values, data, MetaData.EMAIL);
        int phone = entered(values, data, MetaData.PHONE_NUMBER);
        boolean submit = type.equals("submit");
        if (threw || data.threw(MetaData.EMAIL) || data.threw(MetaData.PHONE_NUMBER) || !submit && !type.equals("stepSubmit")
                || formId == Values.NO_VALUE) {
            return;
        }
        // Both are remembered: | rather than ||.
        if (fresh(values, "email", email) | fresh(values, "phone", phone)) {
            int identify = traits.build(values, Values.NO_VALUE, 0, new int[] {email, phone});
            analytics.call("identify", values.array(new int[] {identify, notForKlaviyo(values)}, 2));
        }
        if (submit) {
            int track = properties.build(values, Values.NO_VALUE, 0, new int[] {formId, version});
            analytics.call("track", values.array(new int[] {values.ofString(SUBMITTED), track, notForKlaviyo(values)}, 3));
        }
    }

    /** What the visitor entered in a field: a string, trimmed, when it is not empty. */
    private static int entered(Values values, Found fields, int field) {
        int value = fields.kind(field) == Values.STRING ? values.trim(fields.value(field)) : Values.NO_VALUE;
        return value == Values.NO_VALUE || values.text(value).isEmpty() ? Values.NO_VALUE : value;
    }

    /** Whether this page has not reported this value of a trait before; it is remembered either way. */
    private boolean fresh(Values values, String name, int value) {
        if (value == Values.NO_VALUE) {
            return false;
        }
        String text = values.text(value);
        for (int n = 0; n < reported; n += 2) {
            if (seen[n] == name && seen[n + 1].equals(text)) {
                return false;
            }
        }
        if (reported == seen.length) {
            String[] more = new String[2 * reported];
            for (int n = 0; n < reported; n++) {
                more[n] = seen[n];
            }
            seen = more;
        }
        seen[reported++] = name;
        seen[reported++] = text;
        return true;
    }

    /** The options {@code {integrations: {Klaviyo: false}}}: analytics.js sends the call everywhere but to Klaviyo. */
    private int notForKlaviyo(Values values) {
        int off = klaviyo.build(values, Values.NO_VALUE, 0, new int[] {values.ofBoolean(false)});
        return integrations.build(values, Values.NO_VALUE, 0, new int[] {off});
    }
}
