package destination.klaviyo.core;

import destination.klaviyo.JsonText;
import java.util.HashMap;
import java.util.Map;

/**
 * The browser tab's sessionStorage in JVM tests, as src/main/js/storage.js keeps it: JSON texts by key,
 * kept across the Mappings of the tab's pages. A test may write any text, as a page or an older
 * version could have left it.
 */
final class TabStorageStandIn implements TabStorage {
    final Map<String, String> texts = new HashMap<>();
    private JavaValues values;

    /** The port of the page being mapped: what a read hands back is held there. */
    TabStorageStandIn on(JavaValues values) {
        this.values = values;
        return this;
    }

    @Override
    public int read(int key) {
        String text = texts.get(values.text(key));
        Object parsed;
        try {
            parsed = text == null ? JavaValues.JS_UNDEFINED : JsonText.parse(text);
        } catch (RuntimeException e) {
            // storage.js: a text that does not parse reads as nothing.
            parsed = JavaValues.JS_UNDEFINED;
        }
        return values.hold(parsed);
    }

    @Override
    public void write(int key, int value) {
        if (value == Values.NO_VALUE) {
            texts.remove(values.text(key));
        } else {
            texts.put(values.text(key), JsonText.write(values.value(value)));
        }
    }
}
