export declare class JsonObjectSplitter {
    #private;
    constructor(maxMessageBytes: number);
    /** True while part of a message has been received but not its end. */
    get hasPartialMessage(): boolean;
    /**
     * Feeds a chunk and yields every message it completes, in order. Throws `QmpProtocolError`
     * (after yielding the messages before the problem) on data that is not a JSON object or on
     * an oversized message; the splitter is unusable afterwards.
     */
    push(chunk: Buffer): Generator<Record<string, unknown>, void, undefined>;
}
