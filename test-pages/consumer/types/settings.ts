// What the package's types accept and refuse. Each @ts-expect-error line must fail to compile: the
// check fails when one of them stops failing.
import { AnalyticsBrowser } from '@segment/analytics-next';
import type { Plugin } from '@segment/analytics-next';
import { KlaviyoIntegration, klaviyo, type KlaviyoPlugin, type KlaviyoSettings } from 'analytics-destination-klaviyo';

const analytics = AnalyticsBrowser.load({ writeKey: 'X' });

// The README's three ways in.
void analytics.register(klaviyo({ apiKey: 'X' }));
AnalyticsBrowser.load({ writeKey: 'X', plugins: [klaviyo({ apiKey: 'X', enforceEmail: true })] });
AnalyticsBrowser.load({ writeKey: 'X', classicIntegrations: [KlaviyoIntegration] });

// Every setting, with its type.
const every: KlaviyoSettings = {
  apiKey: 'X', enforceEmail: false, listId: 'L', confirmOptin: true, sendAnonymous: false,
  useSegmentSpec: false, queueLimit: 10, loadTimeout: 500,
};
const plugin: Plugin = KlaviyoIntegration.plugin(every);
void plugin;
// The plugin's own shape, declared without the peer, is what Analytics Next's Plugin takes.
const shaped: KlaviyoPlugin = klaviyo({ apiKey: 'X' });
const asPlugin: Plugin = shaped;
void asPlugin;

// The constructor, as analytics.js-core and Analytics Next's classic destinations use it.
const integration = new KlaviyoIntegration({ apiKey: 'X' });
integration.on('ready', () => undefined).initialize();
const name: 'Klaviyo' = KlaviyoIntegration.prototype.name;
void name;
KlaviyoIntegration({ addIntegration: () => undefined });
// @ts-expect-error the instance is typed, not any
integration.notAMethod();

// @ts-expect-error apiKey is required
klaviyo({});
// @ts-expect-error apiKey is a string
klaviyo({ apiKey: 42 });
// @ts-expect-error enforceEmail is a boolean
klaviyo({ apiKey: 'X', enforceEmail: 'yes' });
// @ts-expect-error queueLimit is a number
klaviyo({ apiKey: 'X', queueLimit: '10' });
// @ts-expect-error loadTimeout is a number
klaviyo({ apiKey: 'X', loadTimeout: '10s' });
// @ts-expect-error a private key must never reach a browser
klaviyo({ apiKey: 'X', privateKey: 'pk_secret' });
// @ts-expect-error an unknown setting is a typo
klaviyo({ apiKey: 'X', enforceEmails: true });
// @ts-expect-error the constructor's settings are typed too
new KlaviyoIntegration({ apiKey: 42 });
// @ts-expect-error the plugin is for analytics.register, not classicIntegrations
AnalyticsBrowser.load({ writeKey: 'X', classicIntegrations: [klaviyo({ apiKey: 'X' })] });
