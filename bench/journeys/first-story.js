// A new editor on a fresh install: create the first account, write a story, paste a photo, describe it, publish, read it.
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
  const t0 = Date.now();
  const shot = async (n) => p.screenshot({ path: `${process.env.SHOTS || '/tmp'}/${tag}-${n}.png`, fullPage: true });
  const type = (sel, text) => p.locator(sel).pressSequentially(text, { delay: 25 });
  await p.goto(base + '/admin/setup');
  if (await p.locator('#DisplayName').count()) {
    await type('#DisplayName', 'Maya Okafor');
    await type('#Email', 'maya@paper.test');
    await type('#Password', 'a long harbour passphrase');
    if (await p.locator('#ConfirmPassword').count()) await type('#ConfirmPassword', 'a long harbour passphrase');
    await shot('01-setup');
    await Promise.all([p.waitForNavigation(), p.locator('main form button[type=submit]').click()]);
  } else {
    await p.goto(base + '/admin/sign-in'); await p.fill('#Email', 'maya@paper.test'); await p.fill('#Password', 'a long harbour passphrase');
    await Promise.all([p.waitForNavigation(), p.locator('main form button[type=submit]').click()]);
  }
  log.push('after setup: ' + p.url());
  await p.getByRole('link', { name: 'Write a new article' }).click();
  await p.waitForURL('**/admin/articles/new');
  const headline = 'Harbour wall repairs to start in spring ' + (Date.now() % 10000);
  await type('#Title', headline);
  await type('#Standfirst', 'The council has approved £1.2m for the storm-damaged wall.');
  await p.locator('#BodyMarkdown').click();
  await p.locator('#BodyMarkdown').pressSequentially('Work on the harbour wall will start in April, the council said on Monday.\n\n', { delay: 10 });
  // Paste a photo, as if copied from a photographer's email.
  await p.locator('#BodyMarkdown').evaluate(async (textarea) => {
    const canvas = document.createElement('canvas'); canvas.width = 1600; canvas.height = 1000;
    const g = canvas.getContext('2d'); g.fillStyle = '#285a82'; g.fillRect(0, 0, 1600, 1000); g.fillStyle = '#5a4632'; g.fillRect(0, 700, 1600, 300);
    g.fillStyle = '#fac83c'; g.beginPath(); g.arc(1250, 350, 150, 0, 7); g.fill();
    const blob = await new Promise(r => canvas.toBlob(r, 'image/jpeg', 0.9));
    const transfer = new DataTransfer(); transfer.items.add(new File([blob], 'wall.jpg', { type: 'image/jpeg' }));
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  });
  await p.locator('#media-describe-alt').waitFor();
  await shot('02-describe');
  await type('#media-describe-alt', 'The damaged harbour wall at low tide');
  await type('#media-describe-caption', 'The wall was breached in the January storms.');
  await type('#media-describe-credit', 'Photo: Ellis Carter');
  await p.locator('dialog[open]').getByRole('button', { name: 'Save' }).click();
  await p.locator('dialog[open]').waitFor({ state: 'detached' });
  await p.locator('#BodyMarkdown').press('Control+End');
  await p.locator('#BodyMarkdown').pressSequentially('\n\nThe repairs are expected to take six months.', { delay: 10 });
  await p.getByRole('button', { name: 'Preview', exact: true }).click();
  await p.locator('[data-preview-target] figure figcaption').waitFor();
  await p.waitForTimeout(3500);
  log.push('status: ' + await p.locator('[data-save-status]').innerText());
  await shot('03-writing');
  await p.getByRole('button', { name: 'Publish now' }).click();
  await p.waitForSelector('.flash');
  log.push('flash: ' + await p.locator('.flash').innerText());
  await shot('04-published');
  await p.getByRole('link', { name: 'View on the site' }).click();
  await p.locator('article figure figcaption, .article-body figure figcaption').first().waitFor();
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  await shot('05-article');
  log.push('figure srcset: ' + (await p.locator('.article-body figure img').first().getAttribute('srcset')));
  log.push('figcaption: ' + (await p.locator('.article-body figure figcaption').first().innerText()));
  log.push(`setup to published page: ${seconds} s (scripted, typing at 25 ms a character)`);
  console.log(log.join('\n'));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
