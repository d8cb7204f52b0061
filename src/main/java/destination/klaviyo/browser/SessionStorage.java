package destination.klaviyo.browser;

import destination.klaviyo.core.TabStorage;
import org.teavm.jso.JSBody;

/**
 * The core's {@link TabStorage}: the tab's sessionStorage through src/main/js/storage.js, which falls
 * back to memory for the page where storage throws or is absent.
 */
final class SessionStorage implements TabStorage {
    @Override
    public int read(String key) {
        return read0(key);
    }

    @Override
    public void write(String key, int value) {
        write0(key, value);
    }

    @JSBody(params = "k", script = "return portHold(storageGet('session', k));")
    private static native int read0(String key);

    @JSBody(params = {"k", "h"}, script = "storageSet('session', k, portSlots[h]);")
    private static native void write0(String key, int value);
}
