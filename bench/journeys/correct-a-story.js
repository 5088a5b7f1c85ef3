// A reader follows a story's previous and next links in its section, and sees no corrections; an editor publishes a
// correction; the reader's next visit shows it at the top (issue 18: previous and next come from one statement, and a
// story reads its corrections only when it has some). At the end the editor deletes the correction again.
// Written for the sample paper of a fresh clone (a throwaway site).
// BASE=http://localhost:5000 W=390 H=844 TAG=phone SHOTS=/tmp/shots NODE_PATH=… node bench/journeys/correct-a-story.js
// Needs the newsroom's first account (update-a-story.js makes it on a fresh site).
const { base, start, signIn, openPublished } = require('./journey');
(async () => {
  const { reader, desk, log, shot, finish } = await start('correct');
  const title = async () => (await reader.locator('main h1').first().textContent()).trim();

  // The reader: the first story of the front page's section blocks that has no corrections (the sample paper has a
  // corrected one), then its previous story and back by "Next".
  const corrections = () => reader.locator('.corrections .correction-text').count();
  await reader.goto(base + '/');
  const candidates = await reader.locator('.section-block:not(:has(#more-news)) .card-title a').evaluateAll(as => as.map(a => a.href));
  let story = null, storyUrl = null;
  for (const url of candidates) {
    await reader.goto(url);
    if (await corrections() === 0) { story = await title(); storyUrl = url; break; }
  }
  if (!story) throw new Error('every story in the front page\'s section blocks has corrections');
  log.push(`story: "${story}"; corrections shown: ${await corrections()}`);
  await shot(reader, '01-story');
  const previous = reader.locator('a.prev'), next = reader.locator('a.next');
  log.push(`previous link: ${await previous.count()}, next link: ${await next.count()}`);
  if (await previous.count()) {
    await Promise.all([reader.waitForNavigation(), previous.click()]);
    const before = await title();
    await Promise.all([reader.waitForNavigation(), reader.locator('a.next').click()]);
    log.push(`previous: "${before}"; its next leads back to the story: ${(await title()) === story}`);
  }

  // The desk: a correction on that story, at the top.
  await signIn(desk);
  await openPublished(desk, story);
  const text = `The meeting was on Tuesday, not Monday (journey ${Date.now()}).`;
  await desk.selectOption('#correction-kind', 'Correction');
  await desk.fill('#correction-text', text);
  await desk.selectOption('#correction-place', 'true');
  await Promise.all([desk.waitForNavigation(), desk.getByRole('button', { name: 'Publish correction' }).click()]);
  try {
    log.push(`desk after publishing: ${desk.url().replace(base, '')}; the panel lists it: ${await desk.locator('.corrections-panel .note-text', { hasText: text }).count() === 1}`);
    await shot(desk, '02-desk-corrected');
    await reader.goto(storyUrl);
    const top = reader.locator('.corrections-top .correction-text', { hasText: text });
    log.push(`reader after the correction: shown at the top: ${await top.count() === 1}; corrections shown: ${await corrections()}`);
    await shot(reader, '03-story-corrected');
  } finally {
    // Put the story back as it was: the correction deleted from the panel.
    const item = desk.locator('.corrections-panel li', { hasText: text });
    await item.locator('summary').click();
    await Promise.all([desk.waitForNavigation(), item.getByRole('button', { name: /^Delete/ }).click()]);
    await reader.goto(storyUrl);
    log.push(`after deleting it: corrections shown: ${await corrections()}`);
  }

  await finish();
})().catch(e => { console.error(e); process.exit(1); });
