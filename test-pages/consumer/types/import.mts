// As Node.js resolves the package from an ES module: its "import" entry and types.
import { KlaviyoIntegration, klaviyo } from 'analytics-destination-klaviyo';
import type { Plugin } from '@segment/analytics-next';

const plugin: Plugin = klaviyo({ apiKey: 'X' });
const name: 'Klaviyo' = KlaviyoIntegration.prototype.name;
void plugin;
void name;
// @ts-expect-error apiKey is a string
klaviyo({ apiKey: 42 });
