// As src/import-only.ts, through the package's CommonJS entry.
const destination = require('analytics-destination-klaviyo');

window.imported = Object.keys(destination).sort().join(' ') + ': '
  + typeof destination.klaviyo + ' ' + destination.KlaviyoIntegration.prototype.name;
