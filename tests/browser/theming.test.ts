// Theming: what a page can restyle and what the kit does for the reader's settings.
// - CSS parts: every element exposes caption, summary, table and controls, and `chart` where it
//   draws one, and lists them in custom-elements.json; `::part()` rules from the page apply.
// - CSS custom properties set on an ancestor restyle text and the chart's marks.
// - theme="dark": light text on a dark background, every text still at least 4.5:1 (axe-core's
//   colour-contrast rule in both themes), the chart drawn again in the dark colours.
// - Print: light colours and a white chart background, whatever the screen's scheme.
// - prefers-reduced-motion: nothing in the elements animates or transitions.
// - forced-colors (Windows High Contrast): text, chart and focus ring in the system colours, axe clean.
import { expect } from '@esm-bundle/chai';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { axeViolations, deep, fixture, next, tabTo } from './kit.js';

type Widget = HTMLElement & { results: unknown; status: string; updateComplete: Promise<boolean> };
type Chart = HTMLElement & { ensureDrawn(): Promise<unknown>; updateComplete: Promise<boolean> };

const ELEMENTS: { tag: string; attrs: Record<string, string>; chart: boolean }[] = [
  {
    tag: 'demand-category-chart',
    attrs: { src: fixture('assessments.csv', 'rereferral-curve') },
    chart: true,
  },
  { tag: 'rereferral-curve', attrs: { src: fixture('assessments.csv', 'rereferral-curve') }, chart: true },
  {
    tag: 'attainment-gap-table',
    attrs: {
      src: fixture('assessments.csv', 'attainment-gap-table'),
      'pupils-src': fixture('pupils.csv', 'attainment-gap-table'),
    },
    chart: false,
  },
];
const REQUIRED_PARTS = ['caption', 'summary', 'table', 'controls'];

const results = new Map<string, unknown>();

/** Emulates media (print, reduced motion) where the browser lets the runner (Chromium: CDP); false if not. */
let emulated = false;
async function emulate(media: Parameters<typeof emulateMedia>[0]): Promise<boolean> {
  try {
    await emulateMedia(media);
    emulated = true;
    return true;
  } catch {
    return false; // Firefox under puppeteer has no CDP: these checks run in Chromium
  }
}

/** Emulates forced-colors: active (Chromium only, see web-test-runner.config.mjs); false if it cannot. */
let forced = false;
async function forceColors(): Promise<boolean> {
  try {
    await executeServerCommand('forced-colors', { active: true });
  } catch {
    return false; // Firefox under puppeteer has no CDP: this check runs in Chromium
  }
  forced = true;
  await new Promise((r) => requestAnimationFrame(r));
  // Emulated but not in effect would make the test pass without checking anything: fail instead.
  if (!matchMedia('(forced-colors: active)').matches)
    throw new Error('forced-colors emulation did not apply');
  return true;
}

/** A CSS colour (a system colour such as CanvasText) as the browser resolves it: rgb(...). */
function resolved(color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  document.body.append(probe);
  const rgb = getComputedStyle(probe).color;
  probe.remove();
  return rgb;
}

async function show(tag: string, attrs: Record<string, string>, parent: HTMLElement = document.body) {
  const el = document.createElement(tag) as Widget;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const done = Promise.race([next(el, 'csc-analysis-complete'), next(el, 'csc-analysis-error')]);
  if (results.has(tag)) el.results = results.get(tag);
  else for (const [k, v] of Object.entries(ELEMENTS.find((e) => e.tag === tag)!.attrs)) el.setAttribute(k, v);
  parent.prepend(el);
  const event = (await done) as CustomEvent<{ result?: unknown }>;
  await el.updateComplete;
  expect(el.status, el.shadowRoot!.textContent ?? '').to.equal('ready');
  if (!results.has(tag)) results.set(tag, event.detail.result);
  for (const c of deep(el.shadowRoot!, 'csc-vega-chart') as Chart[]) await c.ensureDrawn();
  return el;
}

/** Waits until every chart of `el` has drawn (again) after a change. */
async function redrawn(el: Element, change: () => void): Promise<void> {
  const charts = deep(el.shadowRoot!, 'csc-vega-chart');
  const drawn = charts.map((c) => next(c, 'csc-chart-render'));
  change();
  await Promise.all(drawn);
}

const svgBackground = (el: Element) =>
  (deep(el.shadowRoot!, 'csc-vega-chart').map((c) => c.shadowRoot!.querySelector('svg'))[0] as SVGSVGElement)
    .style.backgroundColor;

describe('theming', function () {
  this.timeout(120000);
  afterEach(async () => {
    document.querySelectorAll(ELEMENTS.map((e) => e.tag).join(',')).forEach((e) => e.remove());
    document.querySelectorAll('[data-theming-test]').forEach((e) => e.remove());
    if (emulated) await emulate({ colorScheme: 'light', reducedMotion: 'no-preference', media: 'screen' });
    emulated = false;
    if (forced) await executeServerCommand('forced-colors', { active: false });
    forced = false;
  });

  for (const { tag, chart } of ELEMENTS) {
    describe(`<${tag}>`, () => {
      before(function () {
        if (!customElements.get(tag)) this.skip(); // not in components/index.ts yet
      });

      it(`exposes the parts ${[...REQUIRED_PARTS, ...(chart ? ['chart'] : [])].join(', ')} and documents them`, async () => {
        const el = await show(tag, {});
        const parts = new Set(
          [...el.shadowRoot!.querySelectorAll('[part]')].flatMap((e) => e.getAttribute('part')!.split(/\s+/)),
        );
        const wanted = [...REQUIRED_PARTS, ...(chart ? ['chart'] : [])];
        expect(
          wanted.filter((p) => !parts.has(p)),
          'parts missing from the shadow root',
        ).to.deep.equal([]);
        const manifest = await (await fetch(new URL('../../custom-elements.json', import.meta.url))).json();
        const decl = manifest.modules
          .flatMap((m: { declarations?: { tagName?: string }[] }) => m.declarations ?? [])
          .find((d: { tagName?: string }) => d.tagName === tag);
        expect(decl, `${tag} in custom-elements.json`).to.not.equal(undefined);
        const documented = new Set((decl.cssParts ?? []).map((p: { name: string }) => p.name));
        expect(
          wanted.filter((p) => !documented.has(p)),
          'parts missing from the manifest',
        ).to.deep.equal([]);
      });

      it('takes ::part() rules and custom properties from the page', async () => {
        const style = document.createElement('style');
        style.dataset.themingTest = '';
        style.textContent = `${tag}::part(summary) { text-decoration: underline; }
          .themed { --csc-color-text: rgb(10, 20, 30); --csc-font-family: Georgia, serif; --csc-color-1: rgb(200, 0, 0); }`;
        document.head.append(style);
        const wrap = document.createElement('div');
        wrap.className = 'themed';
        wrap.dataset.themingTest = '';
        document.body.prepend(wrap);
        const el = await show(tag, {}, wrap);
        const summary = el.shadowRoot!.querySelector('[part~="summary"]')!;
        expect(getComputedStyle(summary).textDecorationLine).to.equal('underline');
        expect(getComputedStyle(summary).color).to.equal('rgb(10, 20, 30)');
        expect(getComputedStyle(summary).fontFamily).to.match(/Georgia/);
        if (chart) {
          const svg = deep(el.shadowRoot!, 'csc-vega-chart')[0]!.shadowRoot!.querySelector('svg')!;
          expect(svg.outerHTML, 'the first palette colour in the chart').to.match(
            /rgb\(200, 0, 0\)|#c80000/i,
          );
          expect(svg.outerHTML, 'the text colour in the chart').to.match(/rgb\(10, 20, 30\)|#0a141e/i);
        }
      });

      it('theme="dark" swaps the colours, keeps every text legible, and draws the chart again', async () => {
        const el = await show(tag, {});
        expect(await axeViolations(el)).to.deep.equal([]);
        const lightBg = chart ? svgBackground(el) : '';
        const change = () => el.setAttribute('theme', 'dark');
        if (chart) await redrawn(el, change);
        else change();
        await el.updateComplete;
        expect(getComputedStyle(el).backgroundColor).to.equal('rgb(27, 27, 27)');
        expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="summary"]')!).color).to.equal(
          'rgb(243, 242, 241)',
        );
        expect(await axeViolations(el)).to.deep.equal([]);
        if (chart) {
          expect(lightBg).to.equal('rgb(255, 255, 255)');
          expect(svgBackground(el)).to.equal('rgb(27, 27, 27)');
        }
      });

      it('prints in the light colours on a white chart background, even in dark mode', async function () {
        const el = await show(tag, { theme: 'dark' });
        if (!(await emulate({ media: 'print' }))) this.skip();
        expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
        // Black or the near-black text token: either way dark on white.
        expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="summary"]')!).color).to.match(
          /^rgb\((0, 0, 0|11, 12, 12)\)$/,
        );
        for (const c of deep(el.shadowRoot!, 'csc-vega-chart')) {
          const svg = c.shadowRoot!.querySelector('svg')!;
          expect(getComputedStyle(svg).backgroundColor).to.equal('rgb(255, 255, 255)');
          for (const t of [...svg.querySelectorAll('text')].slice(0, 20))
            expect(getComputedStyle(t).fill).to.equal('rgb(11, 12, 12)');
        }
        const hidden = [...el.shadowRoot!.querySelectorAll('[part~="controls"]')].filter(
          (c) => getComputedStyle(c).display !== 'none',
        );
        expect(hidden, 'download buttons are not printed').to.deep.equal([]);
      });

      it('in forced-colours mode uses the system colours for text, chart and focus, and passes axe', async function () {
        const el = await show(tag, {});
        const charts = deep(el.shadowRoot!, 'csc-vega-chart');
        const drawn = charts.map((c) => next(c, 'csc-chart-render'));
        if (!(await forceColors())) this.skip();
        await Promise.all(drawn); // the chart draws again from the forced tokens
        await el.updateComplete;
        const [canvasText, canvas, highlight] = ['CanvasText', 'Canvas', 'Highlight'].map(resolved);
        expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="summary"]')!).color).to.equal(
          canvasText,
        );
        expect(getComputedStyle(el).backgroundColor).to.be.oneOf([canvas, 'rgba(0, 0, 0, 0)']);
        for (const c of charts) {
          const svg = c.shadowRoot!.querySelector('svg')!;
          const texts = [...svg.querySelectorAll('text')];
          expect(texts.length, 'the chart has text').to.be.greaterThan(0);
          for (const t of texts.slice(0, 30)) expect(getComputedStyle(t).fill).to.equal(canvasText);
          expect(svg.style.backgroundColor, 'chart background').to.be.oneOf([canvas, 'canvas', 'Canvas']);
        }
        // Focus by keyboard (Tab), so the ring is the :focus-visible one a keyboard user sees.
        (document.activeElement as HTMLElement | null)?.blur();
        const control = (await tabTo(
          (e) => !!e && el.shadowRoot!.contains(e) && e.matches('input, button'),
        )) as HTMLElement;
        expect(control.matches(':focus-visible')).to.equal(true);
        const ring = getComputedStyle(control);
        expect(ring.outlineColor).to.equal(highlight);
        expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
        expect(await axeViolations(el)).to.deep.equal([]);
      });

      it('under prefers-reduced-motion nothing animates or transitions', async function () {
        if (!(await emulate({ reducedMotion: 'reduce' }))) this.skip();
        expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(true);
        const el = await show(tag, {});
        const moving = deep(el.shadowRoot!, '*').filter((e) => {
          const s = getComputedStyle(e);
          return s.animationName !== 'none' || s.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
        });
        expect(moving.map((e) => e.localName)).to.deep.equal([]);
      });
    });
  }
});
