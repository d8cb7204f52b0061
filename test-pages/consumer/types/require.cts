// As Node.js resolves the package from CommonJS: its "require" entry and types.
import destination = require('analytics-destination-klaviyo');
import type { Plugin } from '@segment/analytics-next';

const plugin: Plugin = destination.klaviyo({ apiKey: 'X' });
const name: 'Klaviyo' = destination.KlaviyoIntegration.prototype.name;
void plugin;
void name;
// @ts-expect-error apiKey is a string
destination.klaviyo({ apiKey: 42 });
