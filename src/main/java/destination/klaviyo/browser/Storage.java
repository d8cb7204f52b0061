package destination.klaviyo.browser;

import org.teavm.jso.JSBody;

/**
 * What the destination remembers in the browser (src/main/js/storage.js): {@link #SESSION} is this
 * tab across page loads, {@link #LOCAL} this browser. Storage that throws falls back to memory for
 * the page. Values are plain JSON; what was stored is read back as a port handle for the core to
 * check, since a page, an older version or a person may have changed it.
 */
final class Storage {
    static final String SESSION = "session";
    static final String LOCAL = "local";

    private Storage() {
    }

    /** The value stored under a key, as a handle ({@code NO_VALUE} when there is none or it is not JSON). */
    @JSBody(params = {"a", "k"}, script = "var v = storageGet(a, k); return v === void 0 ? 0 : portHold(v);")
    static native int read(String area, String key);

    /** Stores the plain JSON value at a handle under a key; {@code NO_VALUE} removes it. */
    @JSBody(params = {"a", "k", "h"}, script = "storageSet(a, k, portSlots[h]);")
    static native void write(String area, String key, int value);
}
