package destination.klaviyo.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The bundle is downloaded on every page view: target/dist/klaviyo.js, gzipped at the best level (as
 * {@code gzip -9}), must stay within the budget. Sizes are deterministic, so this is no timing test.
 */
class BundleSizeTest {
    static final int BUDGET = 12_000;
    static final Path BUNDLE = HostPage.TARGET.resolve("dist/klaviyo.js");

    @Test
    void theBundleGzippedStaysWithinItsBudget() throws IOException {
        byte[] bundle = Files.readAllBytes(BUNDLE);
        int gzipped = gzip(bundle).length;
        System.out.printf("target/dist/klaviyo.js: %d bytes, %d bytes gzipped (budget %d)%n",
                bundle.length, gzipped, BUDGET);
        assertTrue(gzipped <= BUDGET, "klaviyo.js is " + gzipped + " bytes gzipped, over its budget of " + BUDGET);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
