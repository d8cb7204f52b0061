// analytics.js-core 4.x as a site's own analytics.js build has it: the singleton on window.analytics.
// Bundled by esbuild (npm run build) into target/hosts/analytics-core.js for the test pages and the demo.
window.analytics = require('@segment/analytics.js-core');
