// The analysis worker through its client, in the built kit: loading by URL with progress, one parse
// per source, cancellation of a superseded load, and the errors a page shows.
import { expect } from '@esm-bundle/chai';
import { bigCsv, fixture, kit, until, workerUrl } from './kit.js';
import type { ProgressUpdate } from '../../workers/api.js';

// Firefox starts no spare: a worker started inside a worker there can block its parent for good
// (workers/spare-reader.ts nestedWorkersMayBlock). There a busy worker reads the file itself.
const spares = !/\bGecko\/\d/.test(navigator.userAgent);

describe('the analysis worker', () => {
  const client = kit.createAnalysisClient();
  after(() => client.terminate());

  it('starts as a module worker next to the kit and answers a ping', async () => {
    const info = await client.ping();
    expect(client.mode).to.equal('worker');
    expect(info.inWorker).to.equal(true);
    expect(info.version).to.equal(kit.VERSION);
  });

  it('loads a CSV by URL, reporting progress up to the whole file', async () => {
    const updates: ProgressUpdate[] = [];
    const info = await client.loadDataset(fixture('assessments-small.csv'), {
      onProgress: (u) => updates.push(u),
    });
    expect(info.summary.records).to.equal(12);
    expect(info.summary.children).to.equal(9);
    expect(info.summary.episodes).to.equal(10);
    expect(updates.length).to.be.greaterThan(0);
    const last = updates[updates.length - 1]!;
    expect(last.phase).to.equal('read');
    expect(last.fraction).to.equal(1);
    expect(last.done).to.equal(last.total);
    const fractions = updates.map((u) => u.fraction ?? 0);
    expect(fractions).to.deep.equal([...fractions].sort((a, b) => a - b));
  });

  it('parses a source once: a second load of the same URL comes from the cache', async () => {
    const before = await client.stats();
    const again = await client.loadDataset(fixture('assessments-small.csv'));
    const after = await client.stats();
    expect(again.summary.records).to.equal(12);
    expect(after.loadsStarted).to.equal(before.loadsStarted);
  });

  it('streams a picked file with progress in several steps', async () => {
    const updates: ProgressUpdate[] = [];
    const file = bigCsv(100_000, 'picked.csv');
    const info = await client.loadDataset(file, { onProgress: (u) => updates.push(u) });
    expect(info.summary.records).to.equal(100_000);
    expect(info.summary.file).to.equal('picked.csv');
    expect(updates.length).to.be.greaterThan(2);
    expect(updates[updates.length - 1]!.done).to.equal(file.size);
  });

  it('cancels a superseded load in the worker and never lets it answer', async () => {
    const before = await client.stats();
    const controller = new AbortController();
    let started!: () => void;
    const reading = new Promise<void>((r) => (started = r));
    const first = client.loadDataset(bigCsv(400_000), {
      signal: controller.signal,
      onProgress: (u) => u.done > 0 && started(),
    });
    const outcome = first.then(
      () => 'resolved',
      (e: Error) => e.name,
    );
    await reading;
    controller.abort(); // a newer request replaces it
    const second = await client.loadDataset(fixture('assessments-some-bad.csv'));
    expect(second.summary.records).to.equal(2);
    expect(await outcome).to.equal('AbortError');
    // The worker stopped reading between chunks: the big load counts as cancelled, not completed.
    await until(async () => (await client.stats()).loadsCancelled > before.loadsCancelled);
    const after = await client.stats();
    expect(after.loadsCompleted - before.loadsCompleted).to.equal(1);
    expect(after.requestsActive).to.equal(0);
  });

  it('reads a file beside a busy request in a spare worker: the same dataset, its progress, its errors', async () => {
    const inPlace = await client.analyse('rereferral', bigCsv(20_000, 'in-place.csv'), {});
    const before = await client.stats();
    const busy = client.echo('busy', { delayMs: 1500 });
    const updates: ProgressUpdate[] = [];
    const beside = await client.analyse(
      'rereferral',
      bigCsv(20_000, 'beside.csv'),
      {},
      { onProgress: (u) => updates.push(u) },
    );
    expect(await busy).to.equal('busy');
    const after = await client.stats();
    expect(after.spareReads - before.spareReads).to.equal(spares ? 1 : 0);
    expect(after.spareFallbacks - before.spareFallbacks).to.equal(0);
    // The columns crossed intact: the same analysis of the same rows gives the same result.
    expect(JSON.stringify(beside.groups)).to.equal(JSON.stringify(inPlace.groups));
    expect(updates.some((u) => u.phase === 'read' && u.fraction === 1)).to.equal(true);
    // A bad file read beside fails as it does in place, its problems and lines kept.
    const failure = (err: { code?: string; message?: string; problems?: unknown[] }) => err;
    const inPlaceError = await client
      .loadDataset(fixture('assessments-unusable.csv'))
      .then(() => null, failure);
    const busyAgain = client.echo('busy', { delayMs: 1500 });
    const e = await client.loadDataset(fixture('assessments-unusable.csv')).then(() => null, failure);
    await busyAgain;
    expect((await client.stats()).spareReads - after.spareReads).to.equal(spares ? 1 : 0);
    expect(e?.code).to.equal('no-usable-rows');
    expect(e?.problems?.length).to.be.greaterThan(0);
    expect(JSON.stringify([e?.message, e?.problems])).to.equal(
      JSON.stringify([inPlaceError?.message, inPlaceError?.problems]),
    );
  });

  // A spare that is lost mid-read: one killed without a word (the test hook terminates it once it
  // answers), and one that fails (the hook fires its `error`). Each worker comes from a URL with the
  // test-only fault (workers/spare-reader.ts); the read then ends in the worker, the same dataset.
  for (const fault of ['silent', 'error']) {
    it(`reads the file itself when its spare is lost mid-read (${fault})`, async function () {
      if (!spares) this.skip();
      const faulty = kit.createAnalysisClient({ workerUrl: `${workerUrl}?csc-test-spare-fault=${fault}` });
      try {
        const inPlace = await faulty.analyse('rereferral', bigCsv(20_000, 'in-place.csv'), {});
        const busy = faulty.echo('busy', { delayMs: 1500 });
        const beside = await faulty.analyse('rereferral', bigCsv(20_000, 'beside.csv'), {});
        await busy;
        const stats = await faulty.stats();
        expect(stats.spareReads).to.equal(1);
        expect(stats.spareFallbacks).to.equal(1);
        expect(JSON.stringify(beside.groups)).to.equal(JSON.stringify(inPlace.groups));
        // A spare lost once is not tried again: the next busy load is read in place at once.
        const again = faulty.echo('busy', { delayMs: 1500 });
        await faulty.loadDataset(fixture('assessments-small.csv'));
        await again;
        expect((await faulty.stats()).spareReads).to.equal(1);
      } finally {
        faulty.terminate();
      }
    });
  }

  it('rejects a file with no usable rows with its problems and their lines', async () => {
    const e = await client.loadDataset(fixture('assessments-unusable.csv')).then(
      () => null,
      (err: InstanceType<typeof kit.AnalysisError>) => err,
    );
    expect(e).to.be.instanceOf(kit.AnalysisError);
    expect(e!.code).to.equal('no-usable-rows');
    expect(e!.message).to.contain('line 2');
    expect(e!.problems.map((p) => p.line)).to.deep.equal([2, 3]);
  });

  it('says the server refused a missing file', async () => {
    const e = await client.loadDataset(fixture('no-such-file.csv')).then(
      () => null,
      (err: InstanceType<typeof kit.AnalysisError>) => err,
    );
    expect(e!.code).to.equal('fetch-failed');
    expect(e!.message).to.contain('404');
  });

  it('reads rows already in memory', async () => {
    const rows = [
      { child_id: 'R1', referral_date: '2022-01-10', assessment_date: '2022-01-20', factors: ['3B', '4B'] },
      { child_id: 'R2', referral_date: '2022-02-10', assessment_date: '2022-02-20', factors: '21' },
    ];
    const info = await client.loadDataset(rows);
    expect(info.summary.records).to.equal(2);
    expect(info.summary.factors.map((f) => f.code)).to.deep.equal(['3B', '4B', '21']);
  });
});
