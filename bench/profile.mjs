// Optional CPU profile for bench/run.mjs --profile: a minimal Chrome DevTools Protocol client over
// --remote-debugging-pipe (fd 3 to Chromium, fd 4 back, NUL-separated JSON), and a summary of V8's
// sampling profile with klaviyo.js functions mapped to their Java source through the bundle's map.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export class PipeSession {
  constructor(toBrowser, fromBrowser) {
    this.out = toBrowser;
    this.nextId = 1;
    this.pending = new Map();
    let buffer = '';
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        const waiter = message.id !== undefined && this.pending.get(message.id);
        if (waiter) {
          this.pending.delete(message.id);
          if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
          else waiter.resolve(message.result);
        }
      }
    });
  }

  send(method, params = {}, sessionId) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.out.write(JSON.stringify(message) + '\0');
    });
  }
}

/** Attaches to the page at pageUrl and starts V8's sampling profiler there; returns a stop function. */
export async function startProfiler(session, pageUrlPrefix, intervalMicros) {
  const { targetInfos } = await session.send('Target.getTargets');
  const page = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(pageUrlPrefix));
  if (!page) throw new Error(`no page target at ${pageUrlPrefix}`);
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
  await session.send('Profiler.enable', {}, sessionId);
  await session.send('Profiler.setSamplingInterval', { interval: intervalMicros }, sessionId);
  await session.send('Profiler.start', {}, sessionId);
  return async () => (await session.send('Profiler.stop', {}, sessionId)).profile;
}

// --- Source map: generated (line, column) to original source:line. -----------------------------
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeMappings(mappings) {
  const lines = [];
  let source = 0, origLine = 0, origCol = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let genCol = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const fields = [];
      let value = 0, shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        origLine += fields[2];
        origCol += fields[3];
        segments.push([genCol, source, origLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

function sourceMapper(mapPath, bundlePath, javaRoot) {
  if (!existsSync(mapPath)) return () => null;
  const lineLengths = readFileSync(bundlePath, 'utf8').split('\n').map((l) => l.length);
  const map = JSON.parse(readFileSync(mapPath, 'utf8'));
  const lines = decodeMappings(map.mappings);
  const sourceLines = new Map();
  const javaLine = (source, line) => {
    if (!sourceLines.has(source)) {
      const file = join(javaRoot, source);
      sourceLines.set(source, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : null);
    }
    const text = sourceLines.get(source);
    return text && text[line] ? text[line].trim() : '';
  };
  // V8 gives the 0-based line and column where the function starts (its parameter list); the
  // segment there may still be the previous function's, so take the first one after it: the body's.
  return (line, column) => {
    let best = null;
    // The minifier wraps lines anywhere, so the body may go on on the next line.
    let distance = 0;
    for (let l = line; l < lines.length && l <= line + 1 && !best; l++) {
      best = lines[l].find((s) => l > line || s[0] > column) || null;
      if (best) distance += l > line ? best[0] : best[0] - column;
      else distance += (lineLengths[l] || 0) - column;
    }
    // Far from the start: glue written in JavaScript (@JSBody) or TeaVM's runtime, which have no line.
    if (!best || distance > 120) return null;
    const source = map.sources[best[1]];
    return { where: `${source.split('/').pop()}:${best[2] + 1}`, source, code: javaLine(source, best[2]) };
  };
}

/** A text summary of where the sampled time went, klaviyo.js functions mapped to Java lines. */
export function summarize(profile, { bundleUrlSuffix, bundlePath, mapPath, javaRoot, top = 20 }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const dt = i + 1 < timeDeltas.length ? timeDeltas[i + 1] : 0;
    self.set(samples[i], (self.get(samples[i]) || 0) + dt);
  }
  const mapper = sourceMapper(mapPath, bundlePath, javaRoot);
  const groups = new Map();
  const functions = new Map();
  let total = 0;
  for (const [id, micros] of self) {
    total += micros;
    const f = byId.get(id).callFrame;
    let group;
    if (f.url.endsWith(bundleUrlSuffix)) group = 'klaviyo.js (destination)';
    else if (f.url.endsWith('/floor.js')) group = 'floor.js';
    else if (f.url.endsWith('/bench.js') || (!f.url && (f.functionName === 'anonymous' || f.functionName === ''))) {
      group = 'bench.js and its timing loops';
    }
    else if (f.functionName.startsWith('(')) group = f.functionName;
    else group = `other${f.url ? ' ' + f.url.split('/').pop() : ''}: ${f.functionName || '(anonymous)'}`;
    groups.set(group, (groups.get(group) || 0) + micros);
    if (f.url.endsWith(bundleUrlSuffix)) {
      const key = `${f.lineNumber}:${f.columnNumber}`;
      const entry = functions.get(key) || { name: f.functionName, line: f.lineNumber, column: f.columnNumber, micros: 0 };
      entry.micros += micros;
      functions.set(key, entry);
    }
  }
  const pct = (x) => `${(100 * x / total).toFixed(1).padStart(5)}%`;
  const ms = (x) => `${(x / 1000).toFixed(1).padStart(8)} ms`;
  const out = [];
  out.push(`CPU profile of the per-call warm-up and timed runs (both sides; ${samples.length} samples, ${(total / 1000).toFixed(1)} ms sampled)`);
  out.push('Self time by where it was spent:');
  for (const [g, t] of [...groups].sort((a, b) => b[1] - a[1])) out.push(`  ${ms(t)} ${pct(t)}  ${g}`);
  const bundleTotal = groups.get('klaviyo.js (destination)') || 0;
  out.push('');
  out.push(`Top klaviyo.js functions by self time (function start mapped to its Java line; % of klaviyo.js self time):`);
  const sorted = [...functions.values()].sort((a, b) => b.micros - a.micros).slice(0, top);
  for (const f of sorted) {
    const m = mapper(f.line, f.column);
    const where = m ? `${m.where}${m.code ? '  ' + m.code.slice(0, 70) : ''}` : '(no Java line: JavaScript glue or runtime)';
    out.push(`  ${ms(f.micros)} ${(100 * f.micros / bundleTotal).toFixed(1).padStart(5)}%  ${(f.name || '(anonymous)').padEnd(6)} ${where}`);
  }
  return out.join('\n');
}
