// Records what Chromium's page sees when a WebSocket server sends a frame that breaks the protocol; the result is
// kept as data in ../resources/browser/chromium-bad-frames.json and WsSocketBadFramesTest holds htmxws to it.
//
//   node bad-frames.mjs > ../resources/browser/chromium-bad-frames.json
//
// A raw TCP server on loopback serves an empty page, answers the upgrade, sends one valid text frame and, 100 ms
// later, the frame under test; the page records its WebSocket's events. Every wait is bounded (3 s a case). The
// browser never comes from a download: CHROMIUM, or /usr/bin/chromium.
import { chromium } from 'playwright-core';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const text = (s, mask) => {
  const p = Buffer.from(s);
  if (!mask) return Buffer.concat([Buffer.from([0x81, p.length]), p]);
  const key = Buffer.from([1, 2, 3, 4]);
  return Buffer.concat([Buffer.from([0x81, 0x80 | p.length]), key, Buffer.from(p.map((b, i) => b ^ key[i % 4]))]);
};
const hex = b => [...b.subarray(0, 12)].map(x => x.toString(16).padStart(2, '0')).join(' ')
  + (b.length > 12 ? ` … (${b.length} bytes)` : '');
// named as in src/test/java/dev/htmxws/net/NastyWsServers.java
const frames = {
  'masked-server-frame': text('masked', true),
  'reserved-opcode': Buffer.from([0x83, 0x01, 0x78]),
  'rsv-bits': Buffer.from([0xc1, 0x01, 0x78]),
  'invalid-utf8': Buffer.from([0x81, 0x03, 0x68, 0xc3, 0x28]),
  'oversized-ping': Buffer.concat([Buffer.from([0x89, 0x7e, 0x00, 0xc8]), Buffer.alloc(200)]),
  'fragmented-ping': Buffer.from([0x09, 0x01, 0x70]),
  'orphan-continuation': Buffer.from([0x80, 0x01, 0x78]),
  'close-one-byte': Buffer.from([0x88, 0x01, 0x03]),
  'close-code-999': Buffer.from([0x88, 0x02, 0x03, 0xe7]),
};

let bad = null;
const server = createServer(s => {
  s.on('error', () => {});
  s.once('data', d => {
    const req = d.toString('latin1');
    if (!req.startsWith('GET /ws')) {
      s.end('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>');
      return;
    }
    const key = /Sec-WebSocket-Key: (.*)\r\n/i.exec(req)[1];
    const accept = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    s.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
      + 'Sec-WebSocket-Accept: ' + accept + '\r\n\r\n');
    s.write(text('plain', false));
    const frame = bad;
    setTimeout(() => s.write(frame), 100);
  });
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const seen = {};
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  for (const [name, frame] of Object.entries(frames)) {
    bad = frame;
    const events = await page.evaluate(port => new Promise(done => {
      const out = [];
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
      ws.onerror = () => out.push('error');
      ws.onclose = e => { out.push(e.code); done(out); };
      setTimeout(() => done(out.concat('timeout')), 3000);
    }), port);
    seen[name] = events[events.length - 1];
  }
} finally {
  await browser.close();
  server.close();
}
const version = execFileSync(executablePath, ['--version']).toString().trim();
const pw = JSON.parse(readFileSync(new URL('./node_modules/playwright-core/package.json', import.meta.url))).version;
console.log(JSON.stringify({
  recorded: `${new Date().toISOString().slice(0, 10)} with ${version}, driven by playwright-core ${pw}, by`
    + ' src/test/browser/bad-frames.mjs: a raw TCP server on loopback answered the upgrade, sent one valid text'
    + ' frame, then after 100 ms the frame below; the page\'s WebSocket reported these close codes',
  frames: Object.fromEntries(Object.entries(frames).map(([n, f]) => [n, hex(f)])),
  closeCodeSeenByThePage: seen,
}, null, 2));
