// Readers read stories; after the next flush of page views (Analytics:FlushSeconds), the newsroom's analytics page
// counts them among today's top stories, and a second flush with no new views keeps them counted (issue 18: idle
// counters are dropped at a flush).
// Run after update-a-story.js (it makes the account): BASE=… W=… H=… TAG=… SHOTS=… NODE_PATH=… node bench/journeys/views-on-the-dashboard.js
const { chromium } = require('playwright-core');
const base = process.env.BASE || 'http://localhost:5000';
const width = +(process.env.W || 1366), height = +(process.env.H || 900), tag = process.env.TAG || 'desktop';
const email = 'maya@paper.test', password = 'a long harbour passphrase';
const flushSeconds = +(process.env.FLUSH_SECONDS || 30);
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const log = [];
  // A reader's browser: headless Chromium names itself in its user agent and is left out as a robot.
  const userAgent = (await browser.newContext().then(c => c.newPage()).then(p => p.evaluate(() => navigator.userAgent))).replace('HeadlessChrome', 'Chrome');
  const reader = await (await browser.newContext({ viewport: { width, height }, locale: 'en-GB', userAgent })).newPage();
  const desk = await (await browser.newContext({ viewport: { width, height }, locale: 'en-GB' })).newPage();
  for (const p of [reader, desk]) {
    p.on('console', m => { if (m.type() === 'error') log.push('console error: ' + m.text()); });
    p.on('pageerror', e => log.push('pageerror: ' + e.message));
  }
  const shot = (p, n) => p.screenshot({ path: `${process.env.SHOTS || '/tmp'}/${tag}-${n}.png`, fullPage: true });

  await reader.goto(base + '/');
  const stories = await reader.locator('.card-title a').evaluateAll(links => links.map(a => a.getAttribute('href')));
  const story = stories[stories.length - 1];
  for (let i = 0; i < 3; i++) { await reader.goto(base + story); }
  const title = (await reader.locator('h1').first().textContent()).trim();
  log.push(`read ${story} three times: "${title}"`);

  await desk.goto(base + '/admin/sign-in'); await desk.fill('#Email', email); await desk.fill('#Password', password);
  await Promise.all([desk.waitForNavigation(), desk.locator('main form button[type=submit]').click()]);
  // Two flushes: the first writes the views, the second finds the counter idle and drops it.
  await desk.waitForTimeout((2 * flushSeconds + 5) * 1000);
  await desk.goto(base + '/admin/analytics');
  const text = await desk.locator('main').textContent();
  log.push('dashboard lists the story: ' + text.includes(title));
  await shot(desk, '10-analytics');
  console.log(log.join('\n'));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
