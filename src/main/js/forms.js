/*
 * Klaviyo's sign-up forms reported to analytics.js (setting reportKlaviyoForms). A form dispatches a
 * klaviyoForms event on window; on a submit, detail.metaData holds what the visitor entered.
 * https://developers.klaviyo.com/en/docs/track_klaviyo_form_activity_using_javascript
 *
 * A submit or step submit with an email or phone not reported before on this page becomes
 * analytics.identify({email, phone}): traits only, so analytics.js keeps the userId it has. A submit
 * also becomes analytics.track('Klaviyo Form Submitted', {form_id, form_version_id}). Neither goes
 * back to Klaviyo (integrations: {Klaviyo: false}): it has them already. An event without a form id
 * or a known type, or that throws when read, is ignored; so is a value that is not a string.
 */
var klaviyoFormsHost;
/** What this page reported already: 'email' or 'phone' followed by the value. */
var klaviyoFormsSeen = [];

/** Listens to Klaviyo's forms, once per page, for the analytics instance of the first host asking. */
function klaviyoForms(host) {
  if (klaviyoFormsHost) return;
  klaviyoFormsHost = host;
  window.addEventListener('klaviyoForms', klaviyoFormEvent);
}

function klaviyoFormEvent(event) {
  var traits = {}, a, properties;
  try {
    var d = event.detail, type = d.type, id = d.formId, version = d.formVersionId, data = d.metaData || {},
      email = data.$email, phone = data.$phone_number;
    a = klaviyoAnalytics(klaviyoFormsHost);
    // Strict: a type that only turns into 'submit' (['submit'], an object's toString) is no type.
    if (!a || type !== 'submit' && type !== 'stepSubmit' || typeof id != 'string' || !id) return;
    // Both read: | rather than ||.
    if (klaviyoFormTrait(traits, 'email', email) | klaviyoFormTrait(traits, 'phone', phone)) {
      a.identify(traits, { integrations: { Klaviyo: false } });
    }
    if (type === 'submit') {
      properties = { form_id: id };
      if (typeof version == 'string' || typeof version == 'number' && isFinite(version)) properties.form_version_id = version;
      a.track('Klaviyo Form Submitted', properties, { integrations: { Klaviyo: false } });
    }
  } catch (e) {
    // A page's malformed event, or the host's failure: neither is the page's problem.
  }
}

/** Sets traits[name] to a non-empty string; true when this page has not reported it before. */
function klaviyoFormTrait(traits, name, v) {
  if (typeof v != 'string' || !(v = v.trim())) return 0;
  traits[name] = v;
  return klaviyoFormsSeen.indexOf(name + v) < 0 && klaviyoFormsSeen.push(name + v);
}
