/**
 * The bounded queue behind `QmpClient.events()`: an async iterator fed by the client.
 *
 * When the consumer falls behind by more than `maxQueued` items, the oldest are dropped and
 * `onOverflow` is called once per episode (an episode ends when the consumer catches up).
 * `end()` lets the consumer drain what is queued, then finishes; `return()` (a `break` out
 * of `for await`) finishes at once.
 */
export declare class EventQueue<T extends object> implements AsyncIterableIterator<T> {
    #private;
    [Symbol.asyncIterator]: () => this;
    constructor(maxQueued: number, onOverflow: () => void, onFinish: () => void);
    push(item: T): void;
    /** No more items will come; queued ones are still delivered. */
    end(): void;
    next(): Promise<IteratorResult<T, undefined>>;
    return(): Promise<IteratorResult<T, undefined>>;
    [Symbol.asyncIterator](): this;
}
