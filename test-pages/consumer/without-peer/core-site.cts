// An analytics.js-core site, with no @segment/analytics-next: the README's line, as TypeScript
// writes a require.
import destination = require('analytics-destination-klaviyo');

/** analytics.js-core's `use` and `initialize`, as much as this site needs of them. */
declare const analytics: {
  use(plugin: (analytics: { addIntegration(integration: unknown): unknown }) => void): unknown;
  initialize(settings: object): unknown;
};

analytics.use(destination.KlaviyoIntegration);
analytics.initialize({ Klaviyo: { apiKey: 'X' } });
const name: 'Klaviyo' = destination.KlaviyoIntegration.prototype.name;
void name;
// @ts-expect-error apiKey is a string
destination.klaviyo({ apiKey: 42 });
