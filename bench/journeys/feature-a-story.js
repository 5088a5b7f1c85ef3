// An editor features an older story: it joins the front page's top stories at the next request, ahead of newer stories
// that are not featured; then the editor puts every flag back and the top is as it was (issue 18: the featured
// stories are read from their own index).
// Written for the sample paper of a fresh clone (a throwaway site: it publishes the stories it touches, working copies
// and all). There the top is a pinned live lead and the four featured stories, all newer than the rest, so the editor
// first takes the flag off those, and gives it back at the end, even if a step fails.
// BASE=http://localhost:5000 W=390 H=844 TAG=phone SHOTS=/tmp/shots NODE_PATH=… node bench/journeys/feature-a-story.js
// Needs the newsroom's first account (update-a-story.js makes it on a fresh site).
const { base, start, signIn, openPublished } = require('./journey');
(async () => {
  const { reader, desk, log, shot, finish } = await start('feature');
  const topTitles = async () => { await reader.goto(base + '/'); return (await reader.locator('.top-stories .card-title').allTextContents()).map(t => t.trim()); };

  // The reader: the top stories now, and the last card of the last section's block (the oldest story it shows).
  const before = await topTitles();
  const chosen = (await reader.locator('.section-block:not(:has(#more-news)) .card-title').last().textContent()).trim();
  log.push(`top before: ${JSON.stringify(before)}; chosen: "${chosen}"`);

  await signIn(desk);
  const isFeatured = async (title) => { await openPublished(desk, title); return desk.locator('input[name=IsFeatured]').isChecked(); };
  const setFeatured = async (title, on) => {
    await openPublished(desk, title);
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
  await finish();
})().catch(e => { console.error(e); process.exit(1); });
