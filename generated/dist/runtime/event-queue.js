/**
 * The bounded queue behind `QmpClient.events()`: an async iterator fed by the client.
 *
 * When the consumer falls behind by more than `maxQueued` items, the oldest are dropped and
 * `onOverflow` is called once per episode (an episode ends when the consumer catches up).
 * `end()` lets the consumer drain what is queued, then finishes; `return()` (a `break` out
 * of `for await`) finishes at once.
 */
export class EventQueue {
    #maxQueued;
    #onOverflow;
    #onFinish;
    #items = [];
    #readers = [];
    #ended = false;
    #overflowing = false;
    constructor(maxQueued, onOverflow, onFinish) {
        this.#maxQueued = maxQueued;
        this.#onOverflow = onOverflow;
        this.#onFinish = onFinish;
    }
    push(item) {
        if (this.#ended)
            return;
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
    end() {
        if (this.#ended)
            return;
        this.#ended = true;
        this.#onFinish();
        for (const reader of this.#readers.splice(0))
            reader({ value: undefined, done: true });
    }
    next() {
        const item = this.#items.shift();
        if (this.#items.length === 0)
            this.#overflowing = false;
        if (item !== undefined)
            return Promise.resolve({ value: item, done: false });
        if (this.#ended)
            return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.#readers.push(resolve));
    }
    return() {
        this.#items = [];
        this.end();
        return Promise.resolve({ value: undefined, done: true });
    }
    [Symbol.asyncIterator]() {
        return this;
    }
}
