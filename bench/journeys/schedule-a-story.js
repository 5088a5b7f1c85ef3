// An editor schedules a story two minutes ahead and waits, as readers do, for it to appear on the site: the
// scheduled publisher's round takes its job lease, publishes, and gives the lease back.
const { chromium } = require('playwright-core');
const base = process.env.BASE || 'http://localhost:5000';
const width = +(process.env.W || 1366), height = +(process.env.H || 900), tag = process.env.TAG || 'desktop';
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const log = [];
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
  const p = await ctx.newPage();
  p.on('console', m => { if (m.type() === 'error') log.push('console error: ' + m.text()); });
  p.on('pageerror', e => log.push('pageerror: ' + e.message));
  p.on('response', r => { if (r.status() >= 400) log.push(`${r.status()}: ${r.url()}`); });
  const shot = async (n) => p.screenshot({ path: `${process.env.SHOTS || '/tmp'}/${tag}-${n}.png`, fullPage: true });
  await p.goto(base + '/admin/setup');
  if (await p.locator('#DisplayName').count()) {
    await p.fill('#DisplayName', 'Maya Okafor'); await p.fill('#Email', 'maya@paper.test');
    await p.fill('#Password', 'a long harbour passphrase');
    if (await p.locator('#ConfirmPassword').count()) await p.fill('#ConfirmPassword', 'a long harbour passphrase');
    await Promise.all([p.waitForNavigation(), p.locator('main form button[type=submit]').click()]);
  } else {
    await p.goto(base + '/admin/sign-in'); await p.fill('#Email', 'maya@paper.test'); await p.fill('#Password', 'a long harbour passphrase');
    await Promise.all([p.waitForNavigation(), p.locator('main form button[type=submit]').click()]);
  }
  await p.goto(base + '/admin/articles/new');
  const headline = 'Night ferry timetable changes from Monday ' + (Date.now() % 10000);
  await p.fill('#Title', headline);
  await p.fill('#Standfirst', 'The last crossing leaves half an hour earlier.');
  await p.fill('#BodyMarkdown', 'The operator said the change follows a fall in late-evening passengers.');
  // Two minutes ahead, to the minute, in the paper's own time zone (Site:TimeZone; the sample paper's is London's).
  const zone = process.env.ZONE || 'Europe/London';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(Date.now() + 120000)).map(x => [x.type, x.value]));
  await p.fill('#PublishAt', `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`);
  await Promise.all([p.waitForNavigation(), p.getByRole('button', { name: 'Schedule', exact: true }).click()]);
  log.push('after scheduling: ' + p.url());
  log.push('flash: ' + (await p.locator('.flash').count() ? await p.locator('.flash').innerText() : '(none)'));
  log.push('goes out: ' + (await p.locator('.goes-out').count() ? await p.locator('.goes-out').innerText() : '(none)'));
  await shot('01-scheduled');
  const reader = await ctx.browser().newContext({ viewport: { width, height } });
  const r = await reader.newPage();
  await r.goto(base + '/');
  log.push('on the front page before it is due: ' + (await r.getByText(headline).count() > 0));
  const t0 = Date.now();
  let seen = false;
  while (!seen && Date.now() - t0 < 200000) {
    await r.waitForTimeout(5000);
    await r.goto(base + '/');
    seen = await r.getByText(headline).count() > 0;
  }
  log.push(`on the front page: ${seen} (after ${((Date.now() - t0) / 1000).toFixed(0)} s of waiting)`);
  if (seen) {
    await r.getByText(headline).first().click();
    await r.waitForLoadState();
    log.push('story page: ' + r.url() + ' — ' + await r.locator('h1').first().innerText());
    await r.screenshot({ path: `${process.env.SHOTS || '/tmp'}/${tag}-02-story.png`, fullPage: true });
  }
  await p.reload();
  log.push('newsroom status now: ' + await p.locator('.status').first().innerText());
  console.log(log.join('\n'));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
