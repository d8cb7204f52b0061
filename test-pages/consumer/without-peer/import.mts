// What the package's types give a site without the peer, through its "import" entry.
import { KlaviyoIntegration, klaviyo, type KlaviyoPlugin, type KlaviyoSettings } from 'analytics-destination-klaviyo';
// @ts-expect-error the peer is not installed: this check runs without it
import type { Plugin } from '@segment/analytics-next';

const settings: KlaviyoSettings = { apiKey: 'X', enforceEmail: true };
const plugin: KlaviyoPlugin = klaviyo(settings);
const type: 'destination' = plugin.type;
void type;

const integration = new KlaviyoIntegration({ apiKey: 'X' });
integration.on('ready', () => undefined).initialize();
const loaded: boolean = integration.loaded();
void loaded;

// @ts-expect-error the instance is typed, not any, where the peer is missing
integration.notAMethod();
// @ts-expect-error a private key must never reach a browser
klaviyo({ apiKey: 'X', privateKey: 'pk_secret' });
