// The browser half of BrowserChatTest: Debian's Chromium, driven by playwright-core, opens the chat demo
// page of `htmxws serve` (real htmx 2 + the ws extension, served by --assets) and does what a person does.
//
//   node chat.e2e.mjs PAGE_URL
//
// A line protocol, so that the Java test can interleave its own clients with the browser:
//   stdout  READY <status line>     the page loaded htmx and its socket is connected
//           SHOWN <line>            a chat line is in #chat_room (after `say` or `expect`)
//           ROOM <json string>      #chat_room's lines (\n between), always printed last (also after a failure)
//           FAIL <reason>           one line; the exit code is then 1
//   stdin   say <name>\t<message>   type the name and the message into the form and press Enter; wait until
//                                   the line "<name>: <message>" is in #chat_room and the input was emptied
//           expect <line>           wait until a chat line reads exactly <line>
//           quit                    (or end of input) close the browser, exit 0
// Every wait is bounded (E2E_TIMEOUT_MS, default 20 s). The browser never comes from a download: CHROMIUM, or
// /usr/bin/chromium. Requests to any other origin than the page's are refused, so nothing comes from a CDN.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

const url = process.argv[2];
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const timeout = Number(process.env.E2E_TIMEOUT_MS || 20000);

let page = null;
let browser = null;

function say(line) {
  process.stdout.write(line + '\n');
}

async function roomText() {
  if (!page) return '';
  try {
    return await page.evaluate(() => {
      const room = document.querySelector('#chat_room');
      return room ? [...room.querySelectorAll('p')].map((p) => p.textContent).join('\n') : '(no #chat_room)';
    });
  } catch (e) {
    return '(unreadable: ' + String(e.message).split('\n')[0] + ')';
  }
}

async function finish(code, reason) {
  if (reason) say('FAIL ' + reason.replace(/\s+/g, ' ').slice(0, 500));
  say('ROOM ' + JSON.stringify(await roomText()));
  if (browser) await browser.close().catch(() => {});
  process.exit(code);
}

// a whole-script bound too, in case anything hangs outside a wait
const guard = setTimeout(() => finish(1, 'the script ran longer than ' + (timeout * 6) + ' ms'), timeout * 6);
guard.unref();

async function waitForLine(text) {
  try {
    await page.waitForFunction(
      (t) => [...document.querySelectorAll('#chat_room p')].some((p) => p.textContent === t),
      text, { timeout, polling: 50 });
  } catch (e) {
    throw new Error(`"${text}" did not appear in #chat_room within ${timeout} ms`);
  }
}

async function main() {
  if (!url) return finish(2, 'usage: node chat.e2e.mjs PAGE_URL');
  const origin = new URL(url).origin;
  const args = ['--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync'];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox'); // Chromium refuses root otherwise
  browser = await chromium.launch({ executablePath, args, headless: true, timeout });
  const context = await browser.newContext();
  await context.route((u) => u.origin !== origin, (route) => {
    process.stderr.write('refused a request to another origin: ' + route.request().url() + '\n');
    return route.abort();
  });
  page = await context.newPage();
  page.setDefaultTimeout(timeout);
  page.on('pageerror', (e) => process.stderr.write('page error: ' + e.message + '\n'));
  page.on('console', (m) => process.stderr.write('console.' + m.type() + ': ' + m.text() + '\n'));

  await page.goto(url, { timeout, waitUntil: 'load' });
  const versions = await page.evaluate(() => ({
    htmx: window.htmx ? window.htmx.version : null,
  }));
  if (!versions.htmx) return finish(1, 'htmx did not load on the page');
  try {
    await page.waitForFunction(() => document.querySelector('#status')?.textContent.startsWith('connected as'),
      null, { timeout, polling: 50 });
  } catch (e) {
    return finish(1, `the socket did not connect within ${timeout} ms (#status: `
      + JSON.stringify(await page.textContent('#status').catch(() => null)) + ')');
  }
  say(`READY htmx ${versions.htmx}; ` + (await page.textContent('#status')));

  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const [cmd, ...rest] = line.split(' ');
    const arg = rest.join(' ');
    if (cmd === 'say') {
      const [name, message] = arg.split('\t');
      await page.locator('input[name=name]').fill(name);
      const input = page.locator('input[name=chat_message]');
      await input.click();
      await input.pressSequentially(message);
      await input.press('Enter');
      await waitForLine(`${name}: ${message}`);
      try {
        await page.waitForFunction(() => document.querySelector('input[name=chat_message]').value === '', null,
          { timeout, polling: 50 });
      } catch (e) {
        throw new Error('the message input was not emptied after sending (htmx:wsAfterSend)');
      }
      say(`SHOWN ${name}: ${message}`);
    } else if (cmd === 'expect') {
      await waitForLine(arg);
      say('SHOWN ' + arg);
    } else if (cmd === 'quit') {
      break;
    } else if (line.trim() !== '') {
      throw new Error('unknown command: ' + line);
    }
  }
  await finish(0);
}

main().catch((e) => finish(1, String(e && e.message ? e.message : e).split('\n')[0]));
