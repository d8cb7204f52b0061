/*
 * A stand-in for a site's consent banner (its CMP), as the consent test pages use it: the visitor's
 * choice per consent category, and a way to change it later, as clicking in the banner would.
 *
 * Its first state comes from window.cmpState, which a test sets in a page prelude before this runs:
 *   window.cmpState = {
 *     categories: {Targeting: false, Analytics: true},  // the visitor's choice; default {}
 *     consentModel: 'opt-in'                           // or 'opt-out'; default 'opt-in'
 *   };
 *
 * window.cmp:
 *   cmp.consentModel          the consent model the page loads Segment with
 *   cmp.categories()          a copy of the current choice, {category: boolean}
 *   cmp.set({Targeting: true}) changes some categories (each value made a boolean), records the
 *                             new choice in cmp.changes and tells every listener, at once, with a copy
 *   cmp.onChange(listener)    calls listener(categories) after each set
 *   cmp.changes               every choice set so far, each a copy
 */
(function () {
  var state = window.cmpState || {};
  var current = copy(state.categories || {});
  var listeners = [];

  function copy(categories) {
    var result = {};
    for (var name in categories) {
      if (Object.prototype.hasOwnProperty.call(categories, name)) result[name] = !!categories[name];
    }
    return result;
  }

  window.cmp = {
    consentModel: state.consentModel || 'opt-in',
    changes: [],
    categories: function () {
      return copy(current);
    },
    set: function (changes) {
      var next = copy(current);
      for (var name in changes) {
        if (Object.prototype.hasOwnProperty.call(changes, name)) next[name] = !!changes[name];
      }
      current = next;
      window.cmp.changes.push(copy(current));
      for (var i = 0; i < listeners.length; i++) listeners[i](copy(current));
    },
    onChange: function (listener) {
      listeners.push(listener);
    }
  };
})();
