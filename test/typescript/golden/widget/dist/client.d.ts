import { QmpClient, type ExecuteOptions } from "./runtime/index.js";
import type { FrobWidgetArgs, QmpCommands, QmpEvents, QueryGizmosResult, ResetGizmoArgs, SetKnobsArgs } from "./types.js";
/**
 * A QMP client with a typed method for each of the 5 commands and 2 events documented in widgets.txt, events.txt.
 *
 * Each method sends one command and resolves with its `return` value; an error reply
 * rejects with `QmpError`. Events are typed too: `qmp.on(name, listener)`, `qmp.waitFor(name)`.
 * @example
 * ```ts
 * const qmp = await Qmp.connect({ path: '/run/qemu/vm.qmp' });
 * console.log(qmp.greeting.QMP.version.qemu);
 * await qmp.close();
 * ```
 */
export declare class Qmp extends QmpClient<QmpCommands, QmpEvents> {
    /**
     * Frobnicate a widget.
     *
     * The widget keeps spinning while frobbed.
     * @remarks Frobbing a frobbed widget does nothing.
     * @since QEMU 1.2
     * @example
     * ```ts
     * await qmp.frobWidget({ device: 'w0' });
     * ```
     */
    frobWidget(args: FrobWidgetArgs, options?: ExecuteOptions): Promise<void>;
    /** Halt every widget. */
    haltWidget(options?: ExecuteOptions): Promise<void>;
    /**
     * List the gizmos.
     * @example
     * ```ts
     * const result = await qmp.queryGizmos();
     * // result: [{ name: 'g0' }]
     * ```
     */
    queryGizmos(options?: ExecuteOptions): Promise<QueryGizmosResult[]>;
    /** Reset a gizmo. */
    resetGizmo(args?: ResetGizmoArgs, options?: ExecuteOptions): Promise<void>;
    /** Set knobs on a widget. Any knob name is accepted. */
    setKnobs(args: SetKnobsArgs, options?: ExecuteOptions): Promise<number>;
}
