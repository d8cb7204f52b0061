// Importing the package and nothing else: the page compares the globals before and after.
import * as destination from 'analytics-destination-klaviyo';

(window as unknown as { imported: string }).imported = Object.keys(destination).sort().join(' ') + ': '
  + typeof destination.klaviyo + ' ' + destination.KlaviyoIntegration.prototype.name;
