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
    private static final int TYPE = 0;
    private static final int FORM_ID = 1;
    private static final int VERSION = 2;
    private static final int META_DATA = 3;
    private static final int EMAIL = 4;
    private static final int PHONE = 5;

    /** The host's analytics instance. */
    public interface Analytics {
        /** Calls its {@code method} (identify or track) with the elements of the array {@code arguments}. */
        void call(String method, int arguments);
    }

    private final KeyList detail;
    private final KeyList traits;
    private final KeyList properties;
    private final KeyList integrations;
    private final KeyList klaviyo;
    /** What this page reported already: "email" or "phone" (the constant itself), then the value, for each. */
    private String[] seen = new String[8];
    private int reported;

    /** One per page: what the page reported is remembered for the page. */
    public FormEvent(Values values) {
        detail = new KeyList(values, "=type =formId =formVersionId =metaData =$email =$phone_number");
        traits = new KeyList(values, "email phone");
        properties = new KeyList(values, "form_id form_version_id");
        integrations = new KeyList(values, "integrations");
        klaviyo = new KeyList(values, "Klaviyo");
    }

    /** Reports a {@code klaviyoForms} event's {@code detail} to the host's analytics, when it counts. */
    public void report(Values values, int event, Analytics analytics) {
        Found d = detail.in(values, event);
        // metaData || {}: what is not truthy has no fields.
        Found data = detail.in(values, d.ifTruthy(META_DATA));
        if (d.threw(TYPE) || d.threw(FORM_ID) || d.threw(VERSION) || d.threw(META_DATA) || d.kind(META_DATA) == Values.OTHER
                || data.threw(EMAIL) || data.threw(PHONE)) {
            return;
        }
        // Strict: a type that only turns into 'submit' (['submit'], an object's toString) is no type.
        String type = d.kind(TYPE) == Values.STRING ? values.text(d.value(TYPE)) : "";
        boolean submit = type.equals("submit");
        if (!submit && !type.equals("stepSubmit") || d.kind(FORM_ID) != Values.STRING || !d.truthy(FORM_ID)) {
            return;
        }
        int[] found = new int[2];
        // Both read: | rather than ||.
        if (trait(values, data, EMAIL, "email", found, 0) | trait(values, data, PHONE, "phone", found, 1)) {
            int identify = traits.build(values, Values.NO_VALUE, 0, found);
            analytics.call("identify", values.array(new int[] {identify, notForKlaviyo(values)}, 2));
        }
        if (submit) {
            int version = d.kind(VERSION);
            int track = properties.build(values, Values.NO_VALUE, 0, new int[] {d.value(FORM_ID),
                version == Values.STRING || version == Values.NUMBER ? d.value(VERSION) : Values.NO_VALUE});
            analytics.call("track", values.array(new int[] {values.ofString(SUBMITTED), track, notForKlaviyo(values)}, 3));
        }
    }

    /**
     * Sets trait {@code i} to the entry, a string trimmed, when it is not empty; true when this page has
     * not reported it before.
     */
    private boolean trait(Values values, Found data, int entry, String name, int[] found, int i) {
        int value = data.kind(entry) == Values.STRING ? values.trim(data.value(entry)) : Values.NO_VALUE;
        String text = value == Values.NO_VALUE ? "" : values.text(value);
        if (text.isEmpty()) {
            return false;
        }
        found[i] = value;
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
