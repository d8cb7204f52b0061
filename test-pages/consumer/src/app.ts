// A site's analytics module, as Segment's and this package's READMEs show it: Analytics Next from npm
// with the Klaviyo destination from npm. The page picks one of the three ways in window.consumerCase:
//   'plugins'              AnalyticsBrowser.load({writeKey, plugins: [klaviyo(settings)]})
//   'register'             AnalyticsBrowser.load({writeKey}), then analytics.register(klaviyo(settings))
//   'classicIntegrations'  AnalyticsBrowser.load({writeKey, classicIntegrations: [KlaviyoIntegration]}),
//                          with Klaviyo's settings from Segment's CDN settings
// It exposes the AnalyticsBrowser as window.analytics for the tests, and makes the first page call
// (unless window.consumerMakesNoPageCall).
import { AnalyticsBrowser } from '@segment/analytics-next';
import { KlaviyoIntegration, klaviyo, type KlaviyoSettings } from 'analytics-destination-klaviyo';

declare global {
  interface Window {
    consumerCase?: 'plugins' | 'register' | 'classicIntegrations';
    klaviyoSettings?: KlaviyoSettings;
    analytics?: AnalyticsBrowser;
    consumerMakesNoPageCall?: boolean;
  }
}

const writeKey = 'shopWriteKey';
const settings: KlaviyoSettings = window.klaviyoSettings ?? { apiKey: 'hfWBjc' };
let analytics: AnalyticsBrowser;
if (window.consumerCase === 'classicIntegrations') {
  analytics = AnalyticsBrowser.load({ writeKey, classicIntegrations: [KlaviyoIntegration] });
} else if (window.consumerCase === 'register') {
  analytics = AnalyticsBrowser.load({ writeKey });
  void analytics.register(klaviyo(settings));
} else {
  analytics = AnalyticsBrowser.load({ writeKey, plugins: [klaviyo(settings)] });
}
// A test may leave the first page call out, as a site that forgets it does.
if (!window.consumerMakesNoPageCall) void analytics.page();
window.analytics = analytics;
