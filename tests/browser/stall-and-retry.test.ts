// A download that stalls after its header fails with a clear error instead of leaving "Reading the
// data..." on the page for ever, and "Try again" is offered only where trying again can help: a
// stall or a network failure, not a malformed file or a file that is not there. The stalling server
// is the test runner's /stall/ route (web-test-runner.config.mjs): the first request for an id sends
// the header line and then nothing; later ones send the whole file.
import { expect } from '@esm-bundle/chai';
import { axeViolations, fixture, kit, next } from './kit.js';

interface ErrorDetail {
  error: { code: string; message: string; retry: boolean };
}

// Half a second without a byte is a stall here (30 s by default).
kit.configure({ stallTimeoutMs: 500 });

function summary(src: string): HTMLElement & { status: string; updateComplete: Promise<boolean> } {
  const el = document.createElement('csc-dataset-summary') as HTMLElement & {
    status: string;
    updateComplete: Promise<boolean>;
  };
  el.setAttribute('src', src);
  return el;
}

const buttons = (el: HTMLElement): string[] =>
  [...el.shadowRoot!.querySelectorAll('[role="alert"] button')].map((b) => b.textContent ?? '');

describe('a download that stalls after its header', () => {
  it('fails with an error saying the data stopped arriving, and "Try again" reads it when it comes', async () => {
    const el = summary(`/stall/${Math.random().toString(36).slice(2)}/assessments.csv`);
    const failed = next<ErrorDetail>(el, 'csc-analysis-error');
    document.body.append(el);
    const { error } = (await failed).detail;
    expect(error.code).to.equal('fetch-timeout');
    expect(error.retry).to.equal(true);
    expect(error.message).to.match(
      /^Reading assessments\.csv stopped: no data arrived for 0\.5 s after \d+ bytes/,
    );
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('no data arrived');
    expect(el.getAttribute('status')).to.equal('error');
    expect(await axeViolations(el)).to.deep.equal([]);
    expect(buttons(el)).to.deep.equal(['Try again']);
    const done = next(el, 'csc-analysis-complete');
    (alert.querySelector('button') as HTMLButtonElement).click();
    await done;
    expect(el.status).to.equal('ready');
    el.remove();
  });
});

describe('"Try again"', () => {
  it('is not offered for a file whose every row is bad: reading it again gives the same answer', async () => {
    const el = summary(fixture('assessments-unusable.csv'));
    const failed = next<ErrorDetail>(el, 'csc-analysis-error');
    document.body.append(el);
    const { error } = (await failed).detail;
    expect(error.code).to.equal('no-usable-rows');
    expect(error.retry).to.equal(false);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('none of the');
    expect(buttons(el)).to.deep.equal([]);
    el.remove();
  });

  it('is not offered for a file the server says is not there (404)', async () => {
    const el = summary(fixture('no-such-file.csv'));
    const failed = next<ErrorDetail>(el, 'csc-analysis-error');
    document.body.append(el);
    const { error } = (await failed).detail;
    expect(error.code).to.equal('fetch-failed');
    expect(error.message).to.match(/the server answered 404/);
    expect(error.retry).to.equal(false);
    await el.updateComplete;
    expect(buttons(el)).to.deep.equal([]);
    el.remove();
  });
});
