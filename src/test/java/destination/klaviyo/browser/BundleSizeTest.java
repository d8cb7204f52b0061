package destination.klaviyo.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The bundle is downloaded on every page view: target/dist/klaviyo.js and klaviyo.dynamic.js, each
 * gzipped at the best level (as {@code gzip -9}), must stay within the project's budget for a shipped
 * file with every feature. Sizes are deterministic, so this is no timing test.
 */
class BundleSizeTest {
    static final int BUDGET = 12_000;

    @Test
    void eachShippedFileGzippedStaysWithinTheBudget() throws IOException {
        for (String name : List.of("klaviyo.js", "klaviyo.dynamic.js")) {
            byte[] bundle = Files.readAllBytes(HostPage.TARGET.resolve("dist").resolve(name));
            int gzipped = gzip(bundle).length;
            System.out.printf("target/dist/%s: %d bytes, %d bytes gzipped (budget %d)%n",
                    name, bundle.length, gzipped, BUDGET);
            assertTrue(gzipped <= BUDGET, name + " is " + gzipped + " bytes gzipped, over its budget of " + BUDGET);
        }
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
