/*
 * The integration constructor hosts see, as analytics.js-integration makes them: new
 * Klaviyo(settings), prototype name, _assumesPageview, initialize, invoke, loaded, reset, and an
 * event emitter (on, once, off, emit). Called with an analytics object (which has addIntegration) it
 * registers itself, as the integration factory does for analytics.use(...).
 * https://github.com/segmentio/analytics.js-integration
 *
 * Each method hands over to the Java destination (browser/Bundle.java) through klaviyoGuard: nothing
 * thrown reaches the host.
 */

/**
 * Calls into Java; whatever happens, the values the call held are released and nothing is thrown.
 * The last guard: the Java side reads page values safely, but a page can still exhaust the stack.
 */
function klaviyoGuard(f, a, b, c, e) {
  var mark = portTop;
  try {
    return f(a, b, c, e);
  } catch (e) {
    // Nothing thrown reaches the host.
  } finally {
    portRelease(mark);
  }
}

function Klaviyo(settings) {
  var register;
  // Reading a page's settings may throw (a getter, a Proxy): then they are no settings.
  try {
    register = settings && typeof settings.addIntegration == 'function';
  } catch (e) {
    settings = null;
  }
  if (register) {
    settings.addIntegration(Klaviyo);
    return;
  }
  if (!(this instanceof Klaviyo)) return;
  var self = this;
  // The destination keeps the integration as its host: its analytics instance is host.analytics.
  function notify(e) {
    try {
      self.emit(e);
    } catch (x) {
      // A host's listener that throws is the host's.
    }
  }
  self._k = klaviyoGuard(newDestination, notify, settings, self);
  // The integration contract's options, without what the browser must not keep (privateKey).
  // Read as above: a getter that throws gives undefined.
  self.options = { apiKey: portRead(settings, 'apiKey'), enforceEmail: !!portRead(settings, 'enforceEmail') };
}

(function (p) {
  p.name = 'Klaviyo';
  p._assumesPageview = true;
  p.initialize = function () {
    klaviyoOnReset(this, this._k);
    klaviyoGuard(initializeDestination, this._k);
  };
  // invoke(method, facade): the message is the facade's raw object, facade.obj, read as the port reads.
  // The destination checks consent (core/Consent.java) and starts itself when a message lets it.
  p.invoke = function (method, facade) {
    if (typeof method == 'string') klaviyoGuard(mapMessage, this._k, method, portRead(facade, 'obj'));
  };
  p.loaded = function () {
    return !!klaviyoGuard(destinationLoaded, this._k);
  };
  p.reset = function () {
    klaviyoGuard(resetDestination, this._k);
  };

  // A minimal component-emitter, which analytics.js-integration instances are.
  p.on = function (e, f) {
    var l = this._l || (this._l = Object.create(null));
    (l[e] = l[e] || []).push(f);
    return this;
  };
  p.once = function (e, f) {
    function g() {
      this.off(e, g);
      f.apply(this, arguments);
    }
    g.fn = f;
    return this.on(e, g);
  };
  p.off = function (e, f) {
    var l = this._l && this._l[e];
    if (l) this._l[e] = l.filter(function (g) { return g !== f && g.fn !== f; });
    return this;
  };
  p.emit = function (e) {
    var a = [].slice.call(arguments, 1), self = this;
    (this._l && this._l[e] || []).slice().forEach(function (f) { f.apply(self, a); });
    return this;
  };
})(Klaviyo.prototype);

/** The port's value table, for diagnostics and the tests: empty (all undefined) between calls. */
Klaviyo._values = portSlots;
