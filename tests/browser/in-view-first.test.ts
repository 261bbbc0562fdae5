// What the reader sees first is analysed first: an element's requests carry its place on the page
// (components/internal/in-view.ts), and the client holds back work for what is out of view while
// work for what is in view runs or waits (workers/schedule.ts).
import { expect } from '@esm-bundle/chai';
import { html } from 'lit';
import type { ComputeContext } from '../../components/internal/csc-element.js';
import { kit, next } from './kit.js';

const finished: string[] = [];

class EchoElement extends kit.CscElement<{ said: string }> {
  /** How long the worker holds the echo, and how long the element waits before asking. */
  delayMs = 0;
  askAfterMs = 0;
  protected override async compute(_source: unknown, ctx: ComputeContext): Promise<{ said: string }> {
    if (this.askAfterMs) await new Promise((r) => setTimeout(r, this.askAfterMs));
    const said = (await ctx.client.request('echo', [this.id, { delayMs: this.delayMs }], {
      signal: ctx.signal,
    })) as string;
    finished.push(said);
    return { said };
  }
  protected override fromResults(json: unknown): { said: string } {
    return json as { said: string };
  }
  protected override renderResult(r: { said: string }) {
    return html`<p>${r.said}</p>`;
  }
}
customElements.define('test-echo-element', EchoElement);

function echo(id: string, style: string, delayMs: number, askAfterMs: number): EchoElement {
  const el = document.createElement('test-echo-element') as EchoElement;
  el.id = id;
  el.setAttribute('style', `display: block; ${style}`);
  el.delayMs = delayMs;
  el.askAfterMs = askAfterMs;
  el.data = [{ x: 1 }];
  return el;
}

describe('work in view first', () => {
  it('holds back an element below the fold while the one in view is analysed, though it asked first and is quicker', async () => {
    finished.length = 0;
    const wrapper = document.createElement('div');
    // The in-view element's echo takes 400 ms; the one below the fold asks 30 ms later for an instant
    // echo. Without the queue the instant echo would come back first.
    const inView = echo('in-view', 'height: 50px', 400, 0);
    const below = echo('below', 'height: 50px; margin-top: 5000px', 0, 30);
    wrapper.append(inView, below);
    document.body.append(wrapper);
    await Promise.all([next(inView, 'csc-analysis-complete'), next(below, 'csc-analysis-complete')]);
    expect(finished).to.deep.equal(['in-view', 'below']);
    wrapper.remove();
  });

  it('lets elements both in view run together, as before', async () => {
    finished.length = 0;
    const wrapper = document.createElement('div');
    const slow = echo('slow', 'height: 50px', 400, 0);
    const quick = echo('quick', 'height: 50px', 0, 30);
    wrapper.append(slow, quick);
    document.body.append(wrapper);
    await Promise.all([next(slow, 'csc-analysis-complete'), next(quick, 'csc-analysis-complete')]);
    expect(finished).to.deep.equal(['quick', 'slow']);
    wrapper.remove();
  });
});
