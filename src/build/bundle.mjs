// Wraps TeaVM's module-less output into the two files sites load, and shifts its source map to match.
//   klaviyo.js          UMD: window.KlaviyoIntegration, or the module's export under CommonJS / AMD.
//   klaviyo.dynamic.js  what Analytics Next loads for a classic destination: klaviyoDeps + klaviyoLoader.
// Usage: node src/build/bundle.mjs <teavm output dir> <dist dir>
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const [teavmDir, distDir] = process.argv.slice(2);
const raw = readFileSync(join(teavmDir, 'klaviyo.raw.js'), 'utf8')
  .replace(/\n?\/\/# sourceMappingURL=.*\s*$/, '')
  .trimEnd();
const map = JSON.parse(readFileSync(join(teavmDir, 'klaviyo.raw.js.map'), 'utf8'));

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
  // Each wrapper puts one line before TeaVM's first line: one more empty line group in the mappings.
  const shifted = { ...map, file: name, mappings: ';' + map.mappings };
  writeFileSync(join(distDir, name), `${code}\n//# sourceMappingURL=${name}.map\n`);
  writeFileSync(join(distDir, `${name}.map`), JSON.stringify(shifted));
  const bytes = Buffer.byteLength(code);
  const gz = gzipSync(code, { level: 9 }).length;
  console.log(`${name}: ${bytes} bytes, ${gz} bytes gzipped`);
}
