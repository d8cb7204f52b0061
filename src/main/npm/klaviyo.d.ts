/**
 * Types of the Klaviyo destination for Segment's analytics.js, written by hand (the package is
 * compiled from Java). The build ships this file as klaviyo.d.ts (require) and klaviyo.d.mts (import).
 *
 * They need no other package: @segment/analytics-next is an optional peer dependency, which an
 * analytics.js-core site does not install. The plugin is declared by its shape ({@link KlaviyoPlugin}),
 * which Analytics Next's `Plugin` accepts. Only what `classicIntegrations` takes comes from the peer
 * where it is installed: it is a class's instance type, with private members, that no shape declared
 * here can match.
 *
 * Adding a setting: one documented property in KlaviyoSettings, with the README's settings table row
 * it matches. A test fails while a setting of the destination or of that table is missing here.
 */
// Without the optional peer, the import below would be an error (TS2307) for a site that checks its
// libraries (skipLibCheck: false); ignored, it is `any`, and ClassicIntegration is then `unknown`.
// @ts-ignore
import type { AnalyticsBrowserSettings } from '@segment/analytics-next';

/**
 * The destination's settings, as Segment's CDN settings for Klaviyo give them, or
 * `initialize({Klaviyo: {...}})`, or `klaviyo({...})`. The destination ignores settings it does not
 * know. https://segment.com/docs/connections/destinations/catalog/klaviyo/
 */
export interface KlaviyoSettings {
  /**
   * Klaviyo's public API key (site id, company id: six characters). Without one the destination
   * loads nothing and sends nothing. It goes into the script URL only URL-encoded.
   */
  apiKey: string;
  /**
   * Never send `$id`: the userId goes in a custom property `id`, and `$email` is the only
   * identifier; an identify without an email sends nothing. Default `false`.
   */
  enforceEmail?: boolean;
  /**
   * Ignored: a private key must never reach a browser, and the destination never reads one. Typed
   * `never` so that code cannot hand it one.
   */
  privateKey?: never;
  /**
   * Make identify's list subscriptions from the browser, through Klaviyo's client API with the
   * public key: an identify with an email and a list id (`integrations.Klaviyo.listId` on the call,
   * else `listId`) subscribes that email to the list, once per browser. Default `false`. Not a
   * Segment setting.
   */
  subscribeInBrowser?: boolean;
  /** The list an identify subscribes to (with `subscribeInBrowser`) when the call names none. */
  listId?: string;
  /**
   * Whether a subscription waits for the person's confirmation. The browser's client API always
   * follows the list's own opt-in setting: `false` cannot be honoured there, and the debug log says
   * so once. Default `true`.
   */
  confirmOptin?: boolean;
  /** Ignored in the browser: a server-side option. */
  sendAnonymous?: boolean;
  /**
   * Ignored in the browser: a server-side option. The browser sends Order Completed under the name
   * it was tracked with.
   */
  useSegmentSpec?: boolean;
  /**
   * Commands kept while Klaviyo's script loads; beyond it the oldest are dropped. Default `1000`.
   * Not a Segment setting.
   */
  queueLimit?: number;
  /**
   * Milliseconds to wait for Klaviyo's script to run before telling the host the destination is
   * ready, so that it does not wait; the calls keep waiting (up to `queueLimit`) and go to Klaviyo if
   * its script runs later. Default `10000`. Not a Segment setting.
   */
  loadTimeout?: number;
  /**
   * Key a track to the person by email: an identify goes before a track whose userId is an email,
   * or whose `properties.email` names the visitor of a browser Klaviyo does not know yet. The track
   * itself is unchanged. Default `false`. Not a Segment setting.
   */
  trackByEmail?: boolean;
  /**
   * Segment's ecommerce events become Klaviyo's standard ecommerce metrics: Product Viewed becomes
   * Viewed Product (and a recently viewed item), Product Added becomes Added to Cart with the whole
   * cart (remembered in the tab's session storage, at most the latest 100 lines, forgotten on
   * logout), Checkout Started becomes Started Checkout, Order
   * Completed becomes Placed Order and Ordered Product, and the list, category and search events
   * become Viewed Category and Searched Site. Default `false`: the classic shapes. Not a Segment
   * setting.
   */
  klaviyoEcommerceMetrics?: boolean;
  /**
   * Sign-ups in Klaviyo's forms become an `analytics.identify({email, phone})` and an
   * `analytics.track('Klaviyo Form Submitted', {form_id, form_version_id})`, never sent back to
   * Klaviyo. Default `false`. Not a Segment setting.
   */
  reportKlaviyoForms?: boolean;
  /**
   * Consent settings as Segment's CDN gives them to a destination: `categories` are the consent
   * categories the visitor must grant for Klaviyo, as Segment's consent tools read them. With
   * categories, a message whose `context.consent.categoryPreferences` leaves one of them not `true`
   * is dropped, Klaviyo's script loads only with a message consent lets through, a revocation turns
   * Klaviyo's cookies off, and Analytics Next's `reset` deletes Klaviyo's identity cookie.
   */
  consentSettings?: { categories?: string[] };
  /**
   * The consent categories, for analytics.js-core and the plugin (Segment's CDN gives
   * `consentSettings.categories`, which wins when it is a non-empty array); as `consentSettings`.
   * Not a Segment setting.
   */
  consentCategories?: string[];
}

/**
 * What Analytics Next's `classicIntegrations` takes, from the installed @segment/analytics-next
 * (an optional peer dependency); nothing more where it is missing or older. A missing module's import
 * is an error type, which any conditional type that checks it directly becomes: hence the tuples.
 */
type ClassicIntegration = [0] extends [1 & AnalyticsBrowserSettings]
  ? unknown
  : AnalyticsBrowserSettings extends { classicIntegrations?: (infer Source)[] }
    ? InstanceType<Extract<Source, abstract new (...args: any) => any>>
    : unknown;

/**
 * The destination plugin {@link klaviyo} makes, in the shape of Analytics Next's `Plugin` (which it
 * is assignable to): a destination named 'Klaviyo' that takes each call's context and hands it back.
 * https://segment.com/docs/connections/sources/catalog/libraries/website/javascript/#plugin-architecture
 */
export interface KlaviyoPlugin {
  name: 'Klaviyo';
  type: 'destination';
  /** The package's version. */
  version: string;
  /** Whether Analytics Next has loaded the plugin; calls are queued until Klaviyo's script runs. */
  isLoaded(): boolean;
  /**
   * Loads Klaviyo's script (with consent categories, on the first call consent lets through); it
   * warns when Segment's own Klaviyo destination is on for the source as well.
   */
  load(ctx: unknown, analytics: unknown): Promise<void>;
  /** Settles once Klaviyo's script runs, or the destination gave up. */
  ready(): Promise<unknown>;
  identify<Context>(ctx: Context): Promise<Context>;
  track<Context>(ctx: Context): Promise<Context>;
  page<Context>(ctx: Context): Promise<Context>;
  group<Context>(ctx: Context): Promise<Context>;
  alias<Context>(ctx: Context): Promise<Context>;
}

/**
 * A classic integration, as analytics.js-integration makes them: what analytics.js-core and
 * Analytics Next's classic destinations drive. https://github.com/segmentio/analytics.js-integration
 */
export interface KlaviyoIntegrationInstance {
  readonly name: 'Klaviyo';
  /** The settings hosts may read back: the key and enforceEmail, never a private key. */
  readonly options: { apiKey: string | undefined; enforceEmail: boolean };
  /** Says 'initialize'; Klaviyo's script loads on the first page call. */
  initialize(): void;
  /** A call: `page` starts the destination, `identify`, `track` and `group` send to Klaviyo. */
  invoke(method: string, facade: { obj: object }): void;
  /** Whether Klaviyo's script runs on the page. */
  loaded(): boolean;
  /** Clears the commands waiting for Klaviyo's script. */
  reset(): void;
  /**
   * 'initialize', and 'ready' once: when Klaviyo's script runs, at `loadTimeout`, or when the
   * destination gave up (with consent categories, also when consent holds it back: the host need not
   * wait).
   */
  on(event: string, listener: (...args: any[]) => void): this;
  once(event: string, listener: (...args: any[]) => void): this;
  off(event: string, listener?: (...args: any[]) => void): this;
  emit(event: string, ...args: any[]): this;
}

/** The integration constructor, `KlaviyoIntegration`. */
export interface KlaviyoIntegrationConstructor {
  /**
   * A destination with these settings (Analytics Next's classic destinations pass the CDN's). All
   * optional here, so that the constructor is what `classicIntegrations` takes: one made without
   * an apiKey loads nothing and says so in the debug log.
   */
  new (settings?: Partial<KlaviyoSettings>): KlaviyoIntegrationInstance & ClassicIntegration;
  /** analytics.js-core's `analytics.use(KlaviyoIntegration)`: registers the constructor. */
  (analytics: { addIntegration(integration: KlaviyoIntegrationConstructor): unknown }): void;
  readonly prototype: KlaviyoIntegrationInstance & ClassicIntegration;
  /** The destination plugin for Analytics Next, as {@link klaviyo} makes it. */
  plugin(settings: KlaviyoSettings): KlaviyoPlugin;
}

/**
 * The Klaviyo integration constructor: for Analytics Next's `classicIntegrations` (which matches it
 * to Segment's Klaviyo settings by `prototype.name`, 'Klaviyo') and analytics.js-core's `use`.
 */
export declare const KlaviyoIntegration: KlaviyoIntegrationConstructor;

/**
 * The Klaviyo destination plugin for Analytics Next: `plugins: [klaviyo({apiKey})]` in
 * `AnalyticsBrowser.load`, or `analytics.register(klaviyo({apiKey}))`. It loads Klaviyo's script
 * when Analytics Next loads the plugin (with consent categories, with the first call consent lets
 * through).
 */
export declare function klaviyo(settings: KlaviyoSettings): KlaviyoPlugin;
