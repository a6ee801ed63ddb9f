import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FifoQueue } from '../../common/fifoQueue';

test('FifoQueue takes items in the order they were pushed, across its compactions', () => {
  const queue = new FifoQueue<number>();
  const taken: number[] = [];
  let next = 0;
  // Pushes and takes interleaved, so that the queue compacts (after 1,024 takes) with items still in it.
  for (let round = 0; round < 50; round++) {
    for (let push = 0; push < 100 + round * 7; push++) queue.push(next++);
    for (let take = 0; take < 90 + round * 5 && queue.length; take++) taken.push(queue.take()!);
    assert.equal(queue.length, next - taken.length);
    assert.equal(queue.peek(), taken.length < next ? taken.length : undefined);
    assert.deepEqual(
      [...queue],
      Array.from({ length: next - taken.length }, (_, index) => taken.length + index),
    );
  }
  while (queue.length) taken.push(queue.take()!);
  assert.deepEqual(
    taken,
    Array.from({ length: next }, (_, index) => index),
  );
  assert.equal(queue.take(), undefined);
  assert.equal(queue.peek(), undefined);
});

test('FifoQueue.clear empties it; it is usable again after', () => {
  const queue = new FifoQueue<string>();
  queue.push('a');
  queue.push('b');
  queue.take();
  queue.clear();
  assert.equal(queue.length, 0);
  assert.deepEqual([...queue], []);
  queue.push('c');
  assert.equal(queue.take(), 'c');
});
