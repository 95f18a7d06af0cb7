/**
 * The bounded queue behind `QmpClient.events()`: an async iterator fed by the client.
 *
 * When the consumer falls behind by more than `maxQueued` items, the oldest are dropped and
 * `onOverflow` is called once per episode (an episode ends when the consumer catches up).
 * `end()` lets the consumer drain what is queued, then finishes; `return()` (a `break` out
 * of `for await`) finishes at once.
 */
export class EventQueue<T extends object> implements AsyncIterableIterator<T> {
  readonly #maxQueued: number;
  readonly #onOverflow: () => void;
  readonly #onFinish: () => void;
  #items: T[] = [];
  #readers: Array<(result: IteratorResult<T, undefined>) => void> = [];
  #ended = false;
  #overflowing = false;

  constructor(maxQueued: number, onOverflow: () => void, onFinish: () => void) {
    this.#maxQueued = maxQueued;
    this.#onOverflow = onOverflow;
    this.#onFinish = onFinish;
  }

  push(item: T): void {
    if (this.#ended) return;
    const reader = this.#readers.shift();
    if (reader) {
      reader({ value: item, done: false });
      return;
    }
    this.#items.push(item);
    if (this.#items.length > this.#maxQueued) {
      this.#items.shift();
      if (!this.#overflowing) {
        this.#overflowing = true;
        this.#onOverflow();
      }
    }
  }

  /** No more items will come; queued ones are still delivered. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#onFinish();
    for (const reader of this.#readers.splice(0)) reader({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T, undefined>> {
    const item = this.#items.shift();
    if (this.#items.length === 0) this.#overflowing = false;
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.#readers.push(resolve));
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.#items = [];
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
