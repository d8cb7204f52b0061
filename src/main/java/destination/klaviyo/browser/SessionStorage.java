package destination.klaviyo.browser;

import destination.klaviyo.core.TabStorage;
import org.teavm.jso.JSBody;

/**
 * The core's {@link TabStorage}: the tab's sessionStorage through src/main/js/storage.js, which falls
 * back to memory for the page where storage throws or is absent.
 */
final class SessionStorage implements TabStorage {
    @Override
    public int read(int key) {
        return read0(key);
    }

    @Override
    public void write(int key, int value) {
        write0(key, value);
    }

    @JSBody(params = "k", script = "return portHold(storageGet('session', portSlots[k]));")
    private static native int read0(int key);

    @JSBody(params = {"k", "h"}, script = "storageSet('session', portSlots[k], portSlots[h]);")
    private static native void write0(int key, int value);
}
