import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations, startApp, type RunningApp } from './harness';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());


const BRIEFING = '/present?scheme=legacy63&asOf=2022-08-12';

const currentSlide = (page: Page) => page.locator('.slide-frame.current .slide');
const slideNumber = (page: Page) => currentSlide(page).getAttribute('data-slide');
const slideParam = (page: Page) => new URL(page.url()).searchParams.get('slide');

async function openBriefing(page: Page, path = BRIEFING): Promise<number> {
  await page.goto(path);
  await currentSlide(page).waitFor();
  return page.locator('.slide-frame').count();
}

describe('presentation mode', () => {
  it('steps through the slides with the keyboard, the URL follows, and Esc returns to the overview', async () => {
    const page = await app.signedInPage('central', { width: 1920, height: 1080 });
    const total = await openBriefing(page);
    expect(total).toBeGreaterThanOrEqual(8);

    expect(await slideNumber(page)).toBe('1');
    const title = await currentSlide(page).innerText();
    expect(title).toContain('Xây dựng Trang cộng đồng của Ủy ban MTTQ các cấp');
    expect(title).toContain('Số liệu đến ngày 12/08/2022');

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slideNumber(page)).toBe('2');
    expect(slideParam(page)).toBe('2');
    expect(await currentSlide(page).innerText()).toMatch(/63\/63\s+tỉnh, thành/);
    await expect.poll(() => page.locator('[aria-live=polite]').first().innerText()).toBe('Trang chiếu 2/' + total + ': Toàn quốc');

    await page.keyboard.press('End');
    await expect.poll(() => slideNumber(page)).toBe(String(total));
    expect(slideParam(page)).toBe(String(total));

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slideParam(page)).toBe(String(total));

    await page.keyboard.press('Home');
    await expect.poll(() => slideNumber(page)).toBe('1');
    expect(slideParam(page)).toBeNull();

    await page.keyboard.press('3');
    await expect.poll(() => slideNumber(page)).toBe('3');
    expect(slideParam(page)).toBe('3');
    expect(await currentSlide(page).innerText()).toContain('5.777/10.599');

    await page.keyboard.press(' ');
    await expect.poll(() => slideNumber(page)).toBe('4');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => slideNumber(page)).toBe('3');

    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.pathname === '/');
    const back = new URL(page.url()).searchParams;
    expect(back.get('scheme')).toBe('legacy63');
    expect(back.get('asOf')).toBe('2022-08-12');
    await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toContain('63/63 tỉnh, thành');
    // changing slides replaced the history entry instead of adding one per slide
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/present');
    expect(slideParam(page)).toBe('3');
    await page.goBack();
    await page.waitForURL((url) => url.pathname !== '/present');
    expect(app.offsiteRequests).toEqual([]);
  });

  it('writes the text on every slide at 28 px or more at 1920×1080, and has no serious accessibility violation', async () => {
    const page = await app.signedInPage('central', { width: 1920, height: 1080 });
    await openBriefing(page, `${BRIEFING}&province=01`);
    const sizes = await page.evaluate(() => {
      const frame = document.querySelector('.slide-frame.current')!;
      const scale = frame.getBoundingClientRect().width / 1920;
      const found: Array<{ text: string; size: number }> = [];
      for (const element of Array.from(document.querySelectorAll('.slide-body *'))) {
        if (element.closest('svg, .visually-hidden')) continue;
        const ownText = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
        if (ownText) found.push({ text: element.textContent ?? '', size: parseFloat(getComputedStyle(element).fontSize) });
      }
      return { scale, found };
    });
    expect(sizes.found.length).toBeGreaterThan(50);
    const smallest = Math.min(...sizes.found.map((f) => f.size));
    expect(smallest).toBeGreaterThanOrEqual(28);
    // and as drawn on the screen, after scaling the 1920×1080 slide into the window
    expect(smallest * sizes.scale).toBeGreaterThanOrEqual(28);

    for (const slide of ['1', '4', '7']) {
      await page.keyboard.press(slide);
      await expect.poll(() => slideNumber(page)).toBe(slide);
      expect(await seriousA11yViolations(page)).toEqual([]);
    }
  });

  it('fills the map slide with the province map, every name at 20 px or more at 1920×1080, the archipelagos, the legend and the boundary credit', async () => {
    const page = await app.signedInPage('central', { width: 1920, height: 1080 });
    for (const [path, provinces] of [
      [BRIEFING, 63],
      ['/present', 34],
    ] as const) {
      await openBriefing(page, path);
      const number = await page.locator('.slide-frame:has(.slide-map) .slide').getAttribute('data-slide');
      await page.keyboard.press(number!);
      await expect.poll(() => slideNumber(page)).toBe(number);
      const map = currentSlide(page).locator('.slide-map svg');
      await expect.poll(() => map.locator('path[data-code]').count(), { timeout: 20_000 }).toBe(provinces);
      const found = await map.evaluate((svg) => {
        const texts = Array.from(svg.querySelectorAll('text'));
        const sizes = texts.map((text) => {
          const ctm = text.getScreenCTM();
          return parseFloat(text.getAttribute('font-size') ?? '0') * (ctm ? Math.hypot(ctm.a, ctm.b) : 0);
        });
        const box = svg.getBoundingClientRect();
        return { count: texts.length, smallest: Math.min(...sizes), words: texts.map((t) => t.textContent ?? ''), width: box.width, height: box.height };
      });
      // a name for every province (its name or abbreviation) and the two archipelagos
      expect(found.count).toBe(provinces + 2);
      expect(found.smallest).toBeGreaterThanOrEqual(20);
      expect(found.words).toEqual(expect.arrayContaining(['Quần đảo Hoàng Sa(Đà Nẵng)', 'Quần đảo Trường Sa(Khánh Hòa)']));
      // the map takes the body's height, the legend beside it
      expect(found.height).toBeGreaterThanOrEqual(720);
      const [mapBox, legendBox] = await Promise.all([map.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect), currentSlide(page).locator('.map-legend').evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect)]);
      expect(legendBox.left).toBeGreaterThanOrEqual(mapBox.right);
      expect(await currentSlide(page).locator('.map-credit').innerText()).toContain('Ranh giới: geoBoundaries (CC BY-SA 4.0)');
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(app.offsiteRequests).toEqual([]);
  });

  it('opens a copied link on the same slide and adds the chosen province’s own slides', async () => {
    const page = await app.signedInPage('central');
    const national = await openBriefing(page);
    await openBriefing(page, `${BRIEFING}&province=01&slide=${national + 1}`);
    // the province's slides come with its figures, which may arrive after the first slide shows
    await expect.poll(() => page.locator('.slide-frame').count(), { timeout: 20_000 }).toBe(national + 2);
    expect(await slideNumber(page)).toBe(String(national + 1));
    const province = await currentSlide(page).innerText();
    expect(province).toContain('Thành phố Hà Nội');
    expect(province).toContain('Xếp thứ');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => currentSlide(page).innerText()).toContain('Thành phố Hà Nội: các quận, huyện');

    // a link past the end shows the last slide and says so in the URL
    await openBriefing(page, `${BRIEFING}&slide=99`);
    expect(await slideNumber(page)).toBe(String(national));
    await expect.poll(() => slideParam(page)).toBe(String(national));

    // choosing a province in the controls adds its slides
    await openBriefing(page);
    await page.getByLabel('Thêm trang chiếu của tỉnh').selectOption({ label: 'Thành phố Hồ Chí Minh' });
    await expect.poll(() => new URL(page.url()).searchParams.get('province')).toBe('79');
    await expect.poll(() => page.locator('.slide-frame').count(), { timeout: 20_000 }).toBe(national + 2);
  });

  it('advances by itself when asked, and the pause button stops it', async () => {
    const page = await app.signedInPage('central');
    await openBriefing(page, `${BRIEFING}&auto=3`);
    await expect.poll(() => slideNumber(page), { timeout: 15_000 }).toBe('2');
    const pause = page.getByRole('button', { name: 'Tạm dừng tự chuyển' });
    await pause.click();
    await expect.poll(() => page.getByRole('button', { name: 'Tiếp tục tự chuyển' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.paused-note').innerText()).toBe('Đang tạm dừng');
    expect(new URL(page.url()).searchParams.get('auto')).toBe('3');
  });

  it('switches the slides to English', async () => {
    const page = await app.signedInPage('central');
    await openBriefing(page, `${BRIEFING}&slide=2`);
    await page.getByRole('button', { name: 'Chuyển sang tiếng Anh' }).click();
    await expect.poll(() => currentSlide(page).innerText()).toMatch(/63\/63\s+provinces and cities/);
    const text = await currentSlide(page).innerText();
    expect(text).toContain('Figures as of 12 Aug 2022');
    expect(text).toContain('DEMO DATA');
    await page.getByRole('button', { name: 'Switch to Vietnamese' }).click();
    await expect.poll(() => currentSlide(page).innerText()).toContain('Số liệu đến ngày 12/08/2022');
  });

  it('prints the briefing as an A4 landscape PDF: one page per slide, each with the as-of date', async () => {
    const page = await app.signedInPage('central');
    const total = await openBriefing(page);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = readPdfPages(pdf);
    expect(pages).toHaveLength(total);
    for (const [i, text] of pages.entries()) {
      expect(text, `page ${i + 1}`).toContain('Số liệu đến ngày 12/08/2022');
      // the page number in the page's margin box
      expect(text, `page ${i + 1}`).toMatch(new RegExp(`^${i + 1}\\s*/\\s*${total}\\b`));
    }
    expect(pages[0]).toContain('Xây dựng Trang cộng đồng của Ủy');
    expect(pages[1]).toContain('63/63');
    expect(pages.join('\n')).toContain('5.777/10.599');
    const mediaBoxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    // A4 landscape in points: 842 × 595
    expect(new Set(mediaBoxes.map((box) => box.join('×')))).toEqual(new Set(['842×595']));
    expect(app.offsiteRequests).toEqual([]);
  });
});

// --- a just-enough PDF reader -----------------------------------------------------------------
// Chromium writes text as glyph ids (hex strings in TJ arrays, Identity-H fonts) inside FlateDecode
// streams; each font's ToUnicode CMap maps the ids back to text.

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

/** The text of each page of a PDF made by Chromium, in page order. */
function readPdfPages(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  for (let match = header.exec(source); match; match = header.exec(source)) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endobj', start);
    if (end < 0) break;
    const body = source.slice(start, end);
    const streamAt = body.search(/\bstream\r?\n/);
    let dict = body;
    let stream: Buffer | null = null;
    if (streamAt >= 0) {
      dict = body.slice(0, streamAt);
      const dataStart = start + streamAt + (body.startsWith('stream\r\n', streamAt) ? 8 : 7);
      const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
      const dataEnd = length ? dataStart + Number(length[1]) : source.indexOf('endstream', dataStart);
      const raw = pdf.subarray(dataStart, dataEnd);
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
    header.lastIndex = end;
  }

  const refsIn = (dict: string, key: string): Map<string, number> => {
    const found = new Map<string, number>();
    const block = new RegExp(`/${key}\\s*<<([^>]*)>>`).exec(dict);
    if (block) for (const m of block[1]!.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) found.set(m[1]!, Number(m[2]));
    return found;
  };
  const resourcesOf = (dict: string): string => {
    const ref = /\/Resources (\d+) 0 R/.exec(dict);
    return ref ? (objects.get(Number(ref[1]))?.dict ?? '') : dict;
  };

  const cmaps = new Map<number, Map<string, string>>();
  const cmapOf = (fontId: number): Map<string, string> => {
    let map = cmaps.get(fontId);
    if (map) return map;
    map = new Map();
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontId)?.dict ?? '');
    const cmap = ref ? (objects.get(Number(ref[1]))?.stream?.toString('latin1') ?? '') : '';
    const unicode = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(m[1]!.toUpperCase(), unicode(m[2]!));
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const [from, to, first] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
        for (let code = from; code <= to; code++) map.set(code.toString(16).toUpperCase().padStart(m[1]!.length, '0'), String.fromCharCode(first + code - from));
      }
    }
    cmaps.set(fontId, map);
    return map;
  };

  // text runs end a line; XObject forms (Chromium wraps page content in them) are read where drawn
  const decode = (content: string, resources: string, depth: number): string => {
    const fonts = refsIn(resources, 'Font');
    const forms = refsIn(resources, 'XObject');
    let font = new Map<string, string>();
    let out = '';
    for (const m of content.matchAll(/\/([\w.+-]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\b(ET)\b|\/([\w.+-]+)\s+Do\b/g)) {
      if (m[1] !== undefined) font = cmapOf(fonts.get(m[1]) ?? -1);
      else if (m[2] !== undefined) out += (m[2].toUpperCase().match(/.{4}/g) ?? []).map((code) => font.get(code) ?? '').join('');
      else if (m[3] !== undefined) out += '\n';
      else if (m[4] !== undefined && depth < 8) {
        const form = objects.get(forms.get(m[4]) ?? -1);
        if (form?.stream) out += decode(form.stream.toString('latin1'), resourcesOf(form.dict), depth + 1);
      }
    }
    return out;
  };

  const pageText = (id: number): string => {
    const dict = objects.get(id)?.dict ?? '';
    const contents = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    return contents.map((content) => decode(objects.get(content)?.stream?.toString('latin1') ?? '', resourcesOf(dict), 0)).join('\n');
  };

  // page order: the page tree's /Kids, depth first
  const pageIds: number[] = [];
  const walk = (id: number) => {
    const dict = objects.get(id)?.dict ?? '';
    if (/\/Type\s*\/Pages\b/.test(dict)) {
      for (const kid of (/\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)) walk(Number(kid[1]));
    } else if (/\/Type\s*\/Page\b/.test(dict)) pageIds.push(id);
  };
  const root = [...objects].find(([, o]) => /\/Type\s*\/Catalog\b/.test(o.dict));
  const pagesRef = root ? /\/Pages (\d+) 0 R/.exec(root[1].dict) : null;
  if (pagesRef) walk(Number(pagesRef[1]));
  return pageIds.map(pageText);
}
