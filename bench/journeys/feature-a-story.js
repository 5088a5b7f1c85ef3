// An editor features an older story: it joins the front page's top stories at the next request, ahead of newer stories
// that are not featured; then the editor puts every flag back and the top is as it was (issue 18: the featured
// stories are read from their own index).
// Written for the sample paper of a fresh clone (a throwaway site: it publishes the stories it touches, working copies
// and all). There the top is a pinned live lead and the four featured stories, all newer than the rest, so the editor
// first takes the flag off those, and gives it back at the end, even if a step fails.
// BASE=http://localhost:5000 W=390 H=844 TAG=phone SHOTS=/tmp/shots NODE_PATH=… node bench/journeys/feature-a-story.js
// Needs the newsroom's first account (update-a-story.js makes it on a fresh site).
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
  const shot = (p, n) => p.screenshot({ path: `${process.env.SHOTS || '/tmp'}/${tag}-feature-${n}.png`, fullPage: true });
  const topTitles = async () => { await reader.goto(base + '/'); return (await reader.locator('.top-stories .card-title').allTextContents()).map(t => t.trim()); };

  // The reader: the top stories now, and the last card of the last section's block (the oldest story it shows).
  const before = await topTitles();
  const chosen = (await reader.locator('.section-block:not(:has(#more-news)) .card-title').last().textContent()).trim();
  log.push(`top before: ${JSON.stringify(before)}; chosen: "${chosen}"`);

  await desk.goto(base + '/admin/sign-in'); await desk.fill('#Email', email); await desk.fill('#Password', password);
  await Promise.all([desk.waitForNavigation(), desk.locator('main form button[type=submit]').click()]);
  // The story whose title is exactly this one, from the newsroom's list of published stories.
  const openStory = async (title) => {
    await desk.goto(base + '/admin/articles?filter=published&q=' + encodeURIComponent(title));
    const link = desk.locator('table a[href^="/admin/articles/"]').filter({ hasText: new RegExp('^\\s*' + title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*$') });
    if (await link.count() !== 1) throw new Error(`"${title}": ${await link.count()} stories with that title in the newsroom's list`);
    await Promise.all([desk.waitForNavigation(), link.click()]);
  };
  const isFeatured = async (title) => { await openStory(title); return desk.locator('input[name=IsFeatured]').isChecked(); };
  const setFeatured = async (title, on) => {
    await openStory(title);
    await desk.locator('input[name=IsFeatured]').setChecked(on);
    await Promise.all([desk.waitForNavigation(), desk.getByRole('button', { name: 'Update the published story' }).click()]);
    const said = ((await desk.locator('.flash, [role=status]').first().textContent().catch(() => '')) || '').trim();
    if (!said.startsWith('Published.')) throw new Error(`"${title}": ${said}`);
  };

  const wereFeatured = [];
  const chosenWasFeatured = await isFeatured(chosen);
  try {
    // The top's featured stories lose the flag (the lead is pinned and stays), then the chosen story gets it.
    for (const title of before.slice(1)) {
      if (await isFeatured(title)) { wereFeatured.push(title); await setFeatured(title, false); }
    }
    await setFeatured(chosen, true);
    await shot(desk, '01-desk-featured');
    const featured = await topTitles();
    log.push(`top with only "${chosen}" featured: ${JSON.stringify(featured)}; it is second, after the pinned lead: ${featured[1] === chosen}`);
    await shot(reader, '02-front-featured');
  } finally {
    // Everything back as it was.
    await setFeatured(chosen, chosenWasFeatured);
    for (const title of wereFeatured) await setFeatured(title, true);
  }
  const after = await topTitles();
  log.push(`after putting back the flags of ${wereFeatured.length} stories: the top as before: ${JSON.stringify(after) === JSON.stringify(before)}`);
  await shot(reader, '03-front-after');
  console.log(log.join('\n'));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
