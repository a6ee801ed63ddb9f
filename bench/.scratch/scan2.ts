import { readFileSync } from 'node:fs';
import { closingQuote, skipWhitespace } from '../../server/src/service/json/validJsonScan';
const text = readFileSync(process.argv[2], 'utf8');
function scanA(text: string): number {
  let depth = 0; let keys = 0; let rows = 0;
  const end = text.length;
  let nl = -1;
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      const close = closingQuote(text, i, end);
      if (nl < i) { nl = text.indexOf('\n', i); if (nl < 0) nl = Number.MAX_SAFE_INTEGER; }
      if (nl < close) throw new Error('nl');
      i = close;
      if (text.charCodeAt(skipWhitespace(text, close + 1, end)) === 0x3a) keys++;
    } else if (ch === 0x7b || ch === 0x5b) depth++;
    else if (ch === 0x7d || ch === 0x5d) { depth--; if (depth === 1) rows++; }
  }
  return rows * 1e6 + keys;
}
const STRUCT = /["{}[\]:]/g;
function scanB(text: string): number {
  let depth = 0; let keys = 0; let rows = 0;
  const end = text.length;
  let nl = -1;
  const re = STRUCT;
  re.lastIndex = 0;
  while (re.test(text)) {
    const i = re.lastIndex - 1;
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      let close = i;
      for (;;) {
        close = text.indexOf('"', close + 1);
        if (close < 0) throw new Error('unclosed');
        if (text.charCodeAt(close - 1) !== 0x5c) break;
        let b = close - 1; while (text.charCodeAt(b) === 0x5c) b--;
        if ((close - 1 - b) % 2 === 0) break;
      }
      if (nl < i) { nl = text.indexOf('\n', i); if (nl < 0) nl = Number.MAX_SAFE_INTEGER; }
      if (nl < close) throw new Error('nl');
      re.lastIndex = close + 1;
    } else if (ch === 0x3a) keys++;
    else if (ch === 0x7b || ch === 0x5b) depth++;
    else { depth--; if (depth === 1) rows++; }
  }
  return rows * 1e6 + keys;
}
function scanC(text: string): number {
  // char loop but ':' counting (no skipWhitespace per string)
  let depth = 0; let keys = 0; let rows = 0;
  const end = text.length;
  let nl = -1;
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch <= 0x20) continue;
    if (ch === 0x22) {
      let close = i;
      for (;;) {
        close = text.indexOf('"', close + 1);
        if (close < 0) throw new Error('unclosed');
        if (text.charCodeAt(close - 1) !== 0x5c) break;
        let b = close - 1; while (text.charCodeAt(b) === 0x5c) b--;
        if ((close - 1 - b) % 2 === 0) break;
      }
      if (nl < i) { nl = text.indexOf('\n', i); if (nl < 0) nl = Number.MAX_SAFE_INTEGER; }
      if (nl < close) throw new Error('nl');
      i = close;
    } else if (ch === 0x3a) keys++;
    else if (ch === 0x7b || ch === 0x5b) depth++;
    else if (ch === 0x7d || ch === 0x5d) { depth--; if (depth === 1) rows++; }
  }
  return rows * 1e6 + keys;
}
for (let r = 0; r < 6; r++) {
  const out: string[] = [];
  for (const [name, f] of [['A', scanA], ['B', scanB], ['C', scanC]] as const) {
    const t = performance.now(); const v = f(text); out.push(`${name} ${Math.round(performance.now() - t)} (${v})`);
  }
  const t = performance.now(); JSON.parse(text); out.push(`parse ${Math.round(performance.now() - t)}`);
  console.log(out.join('  '));
}
const best: Record<string, number> = {};
for (let r = 0; r < 15; r++) {
  for (const [name, f] of [['A', scanA], ['B', scanB], ['C', scanC], ['parse', (t: string) => JSON.parse(t).length]] as const) {
    const t = performance.now(); f(text); const ms = performance.now() - t;
    best[name] = Math.min(best[name] ?? Infinity, ms);
  }
}
console.log('best', JSON.stringify(Object.fromEntries(Object.entries(best).map(([k, v]) => [k, Math.round(v)]))));
