/**
 * Intent training for a publish runs in a worker thread and gives the same classifier as
 * training inline; only installing the model blocks the event loop.
 */
import path from 'node:path';
import { trainInline, trainInWorker } from '../../src/content/trainer';
import { loadIntentFiles } from '../../src/understanding';

const { intents } = loadIntentFiles(path.resolve(__dirname, '../../intents'));

it('trains in a worker thread, with the same result as inline, keeping the event loop free meanwhile', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const inWorker = await trainInWorker(intents);
  clearInterval(timer);
  expect(inWorker.where).toBe('worker');
  expect(ticks).toBeGreaterThan(0); // timers ran while the worker trained
  const inline = trainInline(intents);
  for (const text of ['my parcel arrived broken', '我要投诉', 'thanks a lot', 'where is my order 12345']) {
    expect(inWorker.classifier.classify(text)).toEqual(inline.classifier.classify(text));
  }
});
