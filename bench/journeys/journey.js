// What the reader-and-editor journeys share: Debian's Chromium, a reader's and an editor's page side by side at one
// viewport, every console error and page error logged, screenshots named by width, and the editor's way in.
// Settings from the environment: BASE (the site), W and H (the viewport), TAG (in the screenshots' names), SHOTS
// (their folder).
const { chromium } = require('playwright-core');

const base = process.env.BASE || 'http://localhost:5000';
const email = 'maya@paper.test', password = 'a long harbour passphrase';

async function start(name) {
  const width = +(process.env.W || 1366), height = +(process.env.H || 900), tag = process.env.TAG || 'desktop';
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const log = [];
  const page = async () => {
    const p = await (await browser.newContext({ viewport: { width, height }, locale: 'en-GB' })).newPage();
    p.on('console', m => { if (m.type() === 'error') log.push('console error: ' + m.text()); });
    p.on('pageerror', e => log.push('pageerror: ' + e.message));
    return p;
  };
  const reader = await page(), desk = await page();
  const shot = (p, n) => p.screenshot({ path: `${process.env.SHOTS || '/tmp'}/${tag}-${name ? name + '-' : ''}${n}.png`, fullPage: true });
  const finish = async () => { console.log(log.join('\n')); await browser.close(); };
  return { browser, reader, desk, log, shot, finish };
}

const submit = (p) => Promise.all([p.waitForNavigation(), p.locator('main form button[type=submit]').click()]);

// The newsroom's first account on a fresh site (setup exists only until it does), else a sign-in.
async function becomeEditor(desk) {
  await desk.goto(base + '/admin/setup');
  if (await desk.locator('#DisplayName').count()) {
    await desk.fill('#DisplayName', 'Maya Okafor'); await desk.fill('#Email', email); await desk.fill('#Password', password);
    if (await desk.locator('#ConfirmPassword').count()) await desk.fill('#ConfirmPassword', password);
  } else {
    await desk.goto(base + '/admin/sign-in'); await desk.fill('#Email', email); await desk.fill('#Password', password);
  }
  await submit(desk);
}

async function signIn(desk) {
  await desk.goto(base + '/admin/sign-in'); await desk.fill('#Email', email); await desk.fill('#Password', password);
  await submit(desk);
}

// The published story whose title is exactly this one, opened from the newsroom's list; fails unless there is one.
async function openPublished(desk, title) {
  await desk.goto(base + '/admin/articles?filter=published&q=' + encodeURIComponent(title));
  const link = desk.locator('table a[href^="/admin/articles/"]').filter({ hasText: new RegExp('^\\s*' + title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*$') });
  if (await link.count() !== 1) throw new Error(`"${title}": ${await link.count()} stories with that title in the newsroom's list`);
  await Promise.all([desk.waitForNavigation(), link.click()]);
}

module.exports = { base, start, becomeEditor, signIn, openPublished };
