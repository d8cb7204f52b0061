/*
 * Klaviyo.plugin(settings): a destination plugin for Analytics Next's analytics.register(...).
 * ctx.event is the raw message. Analytics Next does not await load, so the destination queues by
 * itself until Klaviyo's script runs.
 * https://segment.com/docs/connections/sources/catalog/libraries/website/javascript/#plugin-architecture
 */
Klaviyo.plugin = function (settings) {
  var done, settled = new Promise(function (r) { done = r; }), loaded = false, d;
  function notify(e) {
    if (e == 'ready') done();
  }
  function hook(type) {
    return function (ctx) {
      klaviyoGuard(mapMessage, d, type, portRead(ctx, 'event'));
      return Promise.resolve(ctx);
    };
  }
  var plugin = {
    name: 'Klaviyo',
    type: 'destination',
    version: KLAVIYO_VERSION,
    isLoaded: function () { return loaded; },
    // Analytics Next hands over its analytics instance here; the plugin keeps it as an integration
    // does, in plugin.analytics (analytics.js-core and Analytics Next set integration.analytics).
    load: function (ctx, analytics) {
      plugin.analytics = analytics;
      loaded = true;
      klaviyoWarnTwice(analytics);
      klaviyoOnReset(plugin, d);
      // It starts now, or with consent categories at the first message consent lets through.
      klaviyoGuard(pluginLoaded, d);
      return Promise.resolve();
    },
    ready: function () { return settled; },
    identify: hook('identify'),
    track: hook('track'),
    page: hook('page'),
    group: hook('group'),
    alias: hook('alias')
  };
  d = klaviyoGuard(newDestination, notify, settings, plugin);
  return plugin;
};

/**
 * Analytics Next also runs Segment's own Klaviyo destination when the source's CDN settings enable it
 * (Java decides: core/SegmentsKlaviyo.java); with this plugin too, Klaviyo gets every call twice, and
 * `integrations: {Klaviyo: false}` would silence both. So the plugin says so, once, when it loads.
 * Analytics Next keeps the CDN settings in analytics.settings.cdnSettings (an API it calls unstable:
 * where it is missing, nothing is said).
 */
function klaviyoWarnTwice(analytics) {
  if (klaviyoGuard(segmentRunsKlaviyo, portRead(portRead(portRead(analytics, 'settings'), 'cdnSettings'), 'integrations'),
    portRead(analytics, 'integrations'))) {
    try {
      console.warn("Klaviyo: Segment's Klaviyo destination is on for this source too, so Klaviyo gets every call " +
        'twice. Turn Klaviyo off in Segment, or use classicIntegrations: [KlaviyoIntegration] instead of the plugin.');
    } catch (e) {
      // A page without a console.
    }
  }
}
