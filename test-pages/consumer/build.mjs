// The consumer app, built as a site that installs the destination from npm builds itself (run by
// Maven before the tests: node consumer/build.mjs <target dir>, from test-pages):
//   1. npm installs the site's pinned dependencies (package-lock.json), then the destination's
//      package from the tarball the build just packed (--no-save: a lock entry would pin the content
//      of an older tarball, and npm would install that again).
//   2. TypeScript (pinned in test-pages/package.json) checks the site's code and types/ against the
//      package's types: tsconfig.json as a bundler resolves them, tsconfig.node16.json as Node.js
//      does (import and require). Lines marked @ts-expect-error must fail to compile.
//      The same again without the optional peer @segment/analytics-next, as an analytics.js-core
//      site has it: without-peer/ is copied to <target dir>/consumer-without-peer (no node_modules
//      above it holds the peer), the tarball alone is installed there, and its files are checked.
//   3. esbuild bundles each page's entry (src/) into <target dir>/consumer/, as a site's build would.
// Nothing here reaches into <target dir>/npm: the app sees the package only through node_modules.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const target = process.argv[2] && resolve(process.argv[2]);
if (!target) throw new Error('usage: node consumer/build.mjs <target dir>');

// 1. The tarball npm pack made: <name>-<version>.tgz, named from the package it packed.
const packed = JSON.parse(readFileSync(join(target, 'npm', 'package.json'), 'utf8'));
const tarball = join(target, `${packed.name}-${packed.version}.tgz`);
const npmIn = (cwd, ...args) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline',
  '--loglevel=error'], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
const assertInstalled = (dir) => {
  const installed = JSON.parse(readFileSync(join(dir, 'node_modules', packed.name, 'package.json'), 'utf8'));
  if (installed.version !== packed.version) throw new Error(`installed ${installed.version}, packed ${packed.version}`);
};
npmIn(here, 'install');
npmIn(here, 'install', '--no-save', tarball);
assertInstalled(here);
const withoutPeer = join(target, 'consumer-without-peer');
rmSync(withoutPeer, { recursive: true, force: true });
cpSync(join(here, 'without-peer'), withoutPeer, { recursive: true });
npmIn(withoutPeer, 'install', '--no-save', tarball);
assertInstalled(withoutPeer);
if (existsSync(join(withoutPeer, 'node_modules', '@segment'))) {
  throw new Error(`${withoutPeer} has @segment packages: npm installed the optional peer`);
}

// 2. The type checks, with the TypeScript of test-pages, all at once: with the peer (as a bundler and
// as Node.js resolve the package) and without it.
const tsc = createRequire(join(here, '..', 'package.json')).resolve('typescript/bin/tsc');
await Promise.all([join(here, 'tsconfig.json'), join(here, 'tsconfig.node16.json'), join(withoutPeer, 'tsconfig.json')]
  .map((config) => new Promise((done, fail) => {
    execFile(process.execPath, [tsc, '--noEmit', '-p', config], { cwd: dirname(config), encoding: 'utf8' },
      (e, stdout, stderr) => (e ? fail(new Error(`the consumer's types do not check (${config}):\n${stdout}${stderr}`)) : done()));
  })));

// 3. The pages' bundles: every src/*.ts, and src/*.cjs (which takes the package by require).
const out = join(target, 'consumer');
mkdirSync(out, { recursive: true });
const entries = readdirSync(join(here, 'src')).filter((name) => /\.(ts|cjs)$/.test(name));
await esbuild.build({
  entryPoints: entries.map((name) => join(here, 'src', name)),
  outdir: out,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2017',
  sourcemap: true,
  logLevel: 'warning',
});
