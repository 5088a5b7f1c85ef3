// An editor updates a published story while readers read: the change is on the story and the front page at the next
// request, and a story the editor did not touch is still answered from the page cache (issue 18).
// BASE=http://localhost:5000 W=390 H=844 TAG=phone SHOTS=/tmp/shots NODE_PATH=… node bench/journeys/update-a-story.js
const { chromium } = require('playwright-core');
const base = process.env.BASE || 'http://localhost:5000';
const width = +(process.env.W || 1366), height = +(process.env.H || 900), tag = process.env.TAG || 'desktop';
const email = 'maya@paper.test', password = 'a long harbour passphrase';
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const log = [];
  const reader = await (await browser.newContext({ viewport: { width, height }, locale: 'en-GB' })).newPage();
  const desk = await (await browser.newContext({ viewport: { width, height }, locale: 'en-GB' })).newPage();
  for (const p of [reader, desk]) {
    p.on('console', m => { if (m.type() === 'error') log.push('console error: ' + m.text()); });
    p.on('pageerror', e => log.push('pageerror: ' + e.message));
  }
  const shot = (p, n) => p.screenshot({ path: `${process.env.SHOTS || '/tmp'}/${tag}-${n}.png`, fullPage: true });
  // Straight to the server (the browser's own cache would revalidate and report the first answer's headers).
  const fromCache = async (url) => { const r = await reader.request.get(base + url); return { status: r.status(), age: r.headers()['age'] ?? null }; };

  // The reader: the front page, then its first two stories, twice each (the second answer comes from the cache).
  await reader.goto(base + '/');
  const stories = await reader.locator('.card-title a').evaluateAll(links => links.map(a => a.getAttribute('href')));
  const [edited, untouched] = [stories[0], stories[1]];
  for (const url of [edited, untouched]) { await fromCache(url); }
  log.push('before: untouched story ' + JSON.stringify(await fromCache(untouched)));
  await reader.goto(base + edited);
  await shot(reader, '01-story-before');

  // The editor: the first account (or sign in), the story from the newsroom's list, a new headline, "Update".
  await desk.goto(base + '/admin/setup');
  if (await desk.locator('#DisplayName').count()) {
    await desk.fill('#DisplayName', 'Maya Okafor'); await desk.fill('#Email', email); await desk.fill('#Password', password);
    if (await desk.locator('#ConfirmPassword').count()) await desk.fill('#ConfirmPassword', password);
    await Promise.all([desk.waitForNavigation(), desk.locator('main form button[type=submit]').click()]);
  } else {
    await desk.goto(base + '/admin/sign-in'); await desk.fill('#Email', email); await desk.fill('#Password', password);
    await Promise.all([desk.waitForNavigation(), desk.locator('main form button[type=submit]').click()]);
  }
  const oldTitle = (await reader.locator('h1').first().textContent()).trim();
  await desk.goto(base + '/admin/articles?filter=published&q=' + encodeURIComponent(oldTitle));
  await Promise.all([desk.waitForNavigation(), desk.locator('table a[href^="/admin/articles/"]').first().click()]);
  const newTitle = 'Updated: ' + oldTitle.replace(/^Updated: /, '') + ' ' + (Date.now() % 1000);
  await desk.fill('#Title', newTitle);
  await shot(desk, '02-desk');
  await Promise.all([desk.waitForNavigation(), desk.getByRole('button', { name: 'Update the published story' }).click()]);
  log.push('after update: ' + desk.url() + ' — ' + ((await desk.locator('.flash, [role=status]').first().textContent().catch(() => '')) || '').trim());
  await shot(desk, '03-desk-after-update');

  // The reader again, at once: the story and the front page show it; the untouched story is still a cache hit.
  await reader.goto(base + edited);
  log.push('story shows new headline: ' + ((await reader.locator('h1').first().textContent()).trim() === newTitle));
  await shot(reader, '04-story-after');
  await reader.goto(base + '/');
  log.push('front page shows new headline: ' + (await reader.content()).includes(newTitle.replace(/&/g, '&amp;')));
  await shot(reader, '05-front-after');
  log.push('after: untouched story ' + JSON.stringify(await fromCache(untouched)));
  console.log(log.join('\n'));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
