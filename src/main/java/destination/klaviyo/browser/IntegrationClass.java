package destination.klaviyo.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The JavaScript shapes the hosts expect, each method handing over to a {@link Destination}:
 * <ul>
 *   <li>the constructor of analytics.js-integration: {@code new Klaviyo(settings)}, prototype
 *       {@code name}, {@code _assumesPageview}, {@code initialize}, {@code invoke}, {@code loaded},
 *       {@code reset}, and an event emitter ({@code on}, {@code once}, {@code off}, {@code emit});
 *       called with an analytics object (which has {@code addIntegration}) it registers itself, as
 *       the integration factory does for {@code analytics.use(...)};</li>
 *   <li>{@code Klaviyo.plugin(settings)}: a destination plugin for Analytics Next's
 *       {@code analytics.register(...)}.</li>
 * </ul>
 * Every entry point catches what goes wrong, so nothing thrown reaches the host.
 */
final class IntegrationClass {
    private IntegrationClass() {
    }

    @JSFunctor
    interface Factory extends JSObject {
        DestinationApi create(Destination.Notifier notifier, JSObject settings);
    }

    static JSObject define(String version) {
        return define(Destination::new, version);
    }

    @JSBody(params = {"create", "version"}, script = ""
            + "function Klaviyo(settings) {"
            // Reading a page's settings may throw (a getter, a Proxy): then they are no settings.
            + "  var register; try { register = settings && typeof settings.addIntegration == 'function'; }"
            + "  catch (e) { settings = null; }"
            + "  if (register) { settings.addIntegration(Klaviyo); return; }"
            + "  if (!(this instanceof Klaviyo)) return;"
            + "  var self = this, key, enforce;"
            + "  try { key = settings && settings.apiKey; enforce = !!(settings && settings.enforceEmail); } catch (e) {}"
            + "  try { self._k = create(function (e) { try { self.emit(e); } catch (x) {} }, settings); } catch (e) {}"
            // The integration contract's options, without what the browser must not keep (privateKey).
            + "  self.options = { apiKey: key, enforceEmail: enforce };"
            + "}"
            // Each method hands over to the destination and swallows whatever goes wrong.
            + "function call(self, method, a, b) { try { return self._k[method](a, b); } catch (e) {} }"
            + "var p = Klaviyo.prototype;"
            + "p.name = 'Klaviyo';"
            + "p._assumesPageview = true;"
            + "p.initialize = function () { call(this, 'initialize'); };"
            // invoke(method, facade): the first page starts the destination (Klaviyo's script records
            // page views itself); other messages are the facade's raw object, facade.obj.
            + "p.invoke = function (m, f) { try {"
            + "  if (m == 'page') this._k.start(); else if (typeof m == 'string') this._k.message(m, f && f.obj);"
            + "} catch (e) {} };"
            + "p.loaded = function () { return !!call(this, 'loaded'); };"
            + "p.reset = function () { call(this, 'reset'); };"
            // A minimal component-emitter, which analytics.js-integration instances are.
            + "p.on = function (e, f) {"
            + "  var l = this._l || (this._l = Object.create(null)); (l[e] = l[e] || []).push(f); return this; };"
            + "p.once = function (e, f) { function g() { this.off(e, g); f.apply(this, arguments); } g.fn = f; return this.on(e, g); };"
            + "p.off = function (e, f) { var l = this._l && this._l[e];"
            + "  if (l) this._l[e] = l.filter(function (g) { return g !== f && g.fn !== f; }); return this; };"
            + "p.emit = function (e) { var a = [].slice.call(arguments, 1), self = this;"
            + "  (this._l && this._l[e] || []).slice().forEach(function (f) { f.apply(self, a); }); return this; };"
            // Analytics Next's plugin API: ctx.event is the raw message; load is not awaited, so the
            // destination queues by itself until Klaviyo's script runs.
            + "Klaviyo.plugin = function (settings) {"
            + "  var done, settled = new Promise(function (r) { done = r; }), loaded = false;"
            + "  var k = {}; try { k._k = create(function (e) { if (e == 'ready') done(); }, settings); } catch (e) {}"
            + "  function hook(type) { return function (ctx) {"
            + "    try { k._k.message(type, ctx && ctx.event); } catch (e) {} return Promise.resolve(ctx); }; }"
            + "  return { name: 'Klaviyo', type: 'destination', version: version,"
            + "    isLoaded: function () { return loaded; },"
            + "    load: function () { loaded = true; call(k, 'start'); return Promise.resolve(); },"
            + "    ready: function () { return settled; },"
            + "    identify: hook('identify'), track: hook('track'), page: hook('page'), group: hook('group'), alias: hook('alias') };"
            + "};"
            + "return Klaviyo;")
    private static native JSObject define(Factory create, String version);
}
