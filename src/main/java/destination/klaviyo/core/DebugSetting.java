package destination.klaviyo.core;

/**
 * The {@code debug} module's rule for {@code localStorage.debug}, which analytics.js uses: a list of
 * namespaces separated by commas or spaces, {@code *} matching anything, a leading {@code -} turning
 * a namespace off. https://github.com/debug-js/debug#wildcards
 */
public final class DebugSetting {
    private DebugSetting() {
    }

    public static boolean enables(String setting, String namespace) {
        if (setting == null) {
            return false;
        }
        boolean enabled = false;
        int i = 0;
        int n = setting.length();
        while (i < n) {
            while (i < n && isSeparator(setting.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(setting.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            boolean skip = setting.charAt(start) == '-';
            if (matches(setting, skip ? start + 1 : start, i, namespace, 0)) {
                if (skip) {
                    return false;
                }
                enabled = true;
            }
        }
        return enabled;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Whether pattern[p, end) matches namespace[q, ...), with * matching any run of characters. */
    private static boolean matches(String pattern, int p, int end, String namespace, int q) {
        while (p < end) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int k = namespace.length(); k >= q; k--) {
                    if (matches(pattern, p + 1, end, namespace, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (q == namespace.length() || namespace.charAt(q) != c) {
                return false;
            }
            p++;
            q++;
        }
        return q == namespace.length();
    }
}
