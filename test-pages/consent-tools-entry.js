// Segment's consent tools (@segment/analytics-consent-tools) as a site that uses the snippet would
// bundle them for its own page: createWrapper (and resolveWhen) on window.SegmentConsentTools.
// build-consent.mjs bundles this with esbuild and lowers it to ES5 with swc into
// target/hosts/consent-tools.js, because the package ships ES classes, which HtmlUnit cannot run.
import { createWrapper, resolveWhen } from '@segment/analytics-consent-tools'

window.SegmentConsentTools = { createWrapper: createWrapper, resolveWhen: resolveWhen }
