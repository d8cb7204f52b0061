// Turns TeaVM's module-less output into the two files sites load.
//   1. esbuild minifies it once more (TeaVM keeps the runtime's and @JSBody's local names), following
//      TeaVM's source map, so the final map still points at the Java sources.
//   2. Two wrappers expose the constructor:
//      klaviyo.js          UMD: window.KlaviyoIntegration, or the module's export under CommonJS / AMD.
//      klaviyo.dynamic.js  what Analytics Next loads for a classic destination: klaviyoDeps + klaviyoLoader.
// Usage: node src/build/bundle.mjs <teavm output dir> <dist dir>
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

// esbuild is pinned with the host libraries in test-pages/package.json.
const esbuild = createRequire(new URL('../../test-pages/package.json', import.meta.url))('esbuild');

const [teavmDir, distDir] = process.argv.slice(2);
const minifiedFile = join(teavmDir, 'klaviyo.min.js');
esbuild.buildSync({
  entryPoints: [join(teavmDir, 'klaviyo.raw.js')],
  outfile: minifiedFile,
  minify: true,
  sourcemap: true,
  // Never introduce syntax newer than TeaVM's own output (ES2015).
  target: 'es2015',
  logLevel: 'warning',
});
const raw = readFileSync(minifiedFile, 'utf8')
  .replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '')
  .trimEnd();
const map = JSON.parse(readFileSync(`${minifiedFile}.map`, 'utf8'));
// Source paths relative to the Java source roots, with nothing of the machine that built them.
map.sources = map.sources.map((source) => source.replace(/^.*\/teavm\/src\/|^src\//, ''));
map.sourceRoot = '';

// TeaVM declares `var integration;` and assigns the exported function; the wrappers call it once.
const factory = `function(){\n${raw}\nreturn integration()}`;

const outputs = {
  'klaviyo.js':
    '(function(g,f){var I=f();if(typeof define=="function"&&define.amd)define(function(){return I});' +
    'else if(typeof module=="object"&&module&&module.exports)module.exports=I;else g.KlaviyoIntegration=I})' +
    `(typeof self!="undefined"?self:this,${factory});`,
  'klaviyo.dynamic.js':
    '(function(w){var I;w.klaviyoDeps=[];w.klaviyoLoader=function(){w.klaviyoIntegration=I||(I=(' +
    `${factory})())}})(window);`,
};

mkdirSync(distDir, { recursive: true });
for (const [name, code] of Object.entries(outputs)) {
  // Each wrapper puts one line before the code's first line: one more empty line in the mappings.
  const shifted = { ...map, file: name, mappings: ';' + map.mappings };
  writeFileSync(join(distDir, name), `${code}\n//# sourceMappingURL=${name}.map\n`);
  writeFileSync(join(distDir, `${name}.map`), JSON.stringify(shifted));
  const bytes = Buffer.byteLength(code);
  const gz = gzipSync(code, { level: 9 }).length;
  console.log(`${name}: ${bytes} bytes, ${gz} bytes gzipped`);
}
