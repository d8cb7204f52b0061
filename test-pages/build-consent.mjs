// Builds target/hosts/consent-tools.js (run by `npm run build`): Segment's consent tools as an ES5
// IIFE that defines window.SegmentConsentTools, for the consent test pages.
//
// 1. esbuild bundles consent-tools-entry.js and the package's ESM build into one IIFE. esbuild
//    cannot lower ES classes to ES5, and the package ships classes. The package imports
//    @segment/analytics-generic-utils without declaring it; it comes with @segment/analytics-next.
// 2. swc lowers the bundle to ES5 (classes, arrow functions, let/const, async/await, spread,
//    optional chaining), with its helpers inlined, so the file needs no runtime of its own.
// 3. acorn parses the result as ECMAScript 5: anything newer (a class, an arrow function, let or
//    const, a template literal) fails the build here instead of failing the page in HtmlUnit.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import { transformSync } from '@swc/core'
import { parse } from 'acorn'

const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, '..', 'target', 'hosts', 'consent-tools.js')

const bundled = await esbuild.build({
  entryPoints: [join(here, 'consent-tools-entry.js')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  write: false,
  logLevel: 'warning',
  legalComments: 'none',
})
const modern = bundled.outputFiles[0].text

const lowered = transformSync(modern, {
  filename: 'consent-tools.js',
  sourceMaps: false,
  isModule: false,
  jsc: {
    target: 'es5',
    parser: { syntax: 'ecmascript' },
    externalHelpers: false,
    loose: false,
  },
}).code

try {
  parse(lowered, { ecmaVersion: 5, sourceType: 'script' })
} catch (e) {
  const at = e.pos === undefined ? '' : ': ' + JSON.stringify(lowered.slice(Math.max(0, e.pos - 60), e.pos + 60))
  throw new Error('consent-tools.js is not ECMAScript 5 (' + e.message + ')' + at)
}

mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, '// Segment\'s @segment/analytics-consent-tools, bundled by esbuild and lowered to ES5 by swc'
  + ' (test-pages/build-consent.mjs).\n' + lowered)
