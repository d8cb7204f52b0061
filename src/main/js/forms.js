/*
 * Klaviyo's sign-up forms reported to analytics.js (setting reportKlaviyoForms): the listener. Java
 * decides which klaviyoForms events count and what the host's analytics instance is told
 * (core/FormEvent.java), and calls it (browser/KlaviyoForms.java).
 * https://developers.klaviyo.com/en/docs/track_klaviyo_form_activity_using_javascript
 */
var klaviyoFormsHost;

/** Listens to Klaviyo's forms, once per page, for the analytics instance of the first host asking. */
function klaviyoForms(host) {
  if (klaviyoFormsHost) return;
  klaviyoFormsHost = host;
  window.addEventListener('klaviyoForms', function (event) {
    klaviyoGuard(function () {
      var a = klaviyoFormsHost.analytics;
      if (a) reportFormEvent(a, portRead(event, 'detail'));
    });
  });
}
