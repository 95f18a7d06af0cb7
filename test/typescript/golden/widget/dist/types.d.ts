/**
 * Every command: wire name → `{ args; returns }`. `args: undefined` means the command takes no
 * arguments; `returns: void` means it returns an empty object. This map types
 * `Qmp.execute(name, args)`, e.g. `qmp.execute('query-status')`.
 */
export interface QmpCommands {
    /**
     * Frobnicate a widget.
     *
     * Method: `Qmp.frobWidget()`.
     */
    "frob-widget": {
        args: FrobWidgetArgs;
        returns: void;
    };
    /**
     * Halt every widget.
     *
     * Method: `Qmp.haltWidget()`.
     */
    "halt-widget": {
        args: undefined;
        returns: void;
    };
    /**
     * List the gizmos.
     *
     * Method: `Qmp.queryGizmos()`.
     */
    "query-gizmos": {
        args: undefined;
        returns: QueryGizmosResult[];
    };
    /**
     * Reset a gizmo.
     *
     * Method: `Qmp.resetGizmo()`.
     */
    reset_gizmo: {
        args: ResetGizmoArgs;
        returns: void;
    };
    /**
     * Set knobs on a widget.
     *
     * Method: `Qmp.setKnobs()`.
     */
    "set-knobs": {
        args: SetKnobsArgs;
        returns: number;
    };
}
/**
 * Every event: name → the type of its `data`. `undefined` means the event carries no data.
 * This map types `qmp.on(name, listener)`, `qmp.once` and `qmp.waitFor(name)`.
 */
export interface QmpEvents {
    /** A gizmo could not do I/O. */
    GIZMO_IO_FAULT: GizmoIoFaultEvent;
    /** Every widget stopped. */
    WIDGET_HALTED: undefined;
}
/** Arguments of `frob-widget` (`Qmp.frobWidget()`). */
export interface FrobWidgetArgs {
    /** Which widget to frob. */
    device: string;
    /**
     * Turns per second.
     * @default 3
     */
    speed?: number;
    /**
     * The mode of the thing.
     *
     * - `fast`: Quickly.
     * - `slow`
     */
    mode?: "fast" | "slow";
}
/** What `query-gizmos` returns (`Qmp.queryGizmos()`). */
export interface QueryGizmosResult {
    /** The name of the thing. */
    name: string;
    /** CPU the gizmo is bound to. */
    "cpu-index": number;
    /** The tags of the thing. */
    tags: string[];
    /** The inserted of the thing. */
    inserted?: QueryGizmosResultInserted;
    /** The size of the thing. */
    size: number | string;
    /** The mode of the thing. */
    mode: GizmoMode;
    /** The extra of the thing. */
    extra: unknown;
}
/** The inserted of the thing. */
export interface QueryGizmosResultInserted {
    /** The file of the thing. */
    file: string;
    /** The ro of the thing. */
    ro: boolean;
}
/** Arguments of `reset_gizmo` (`Qmp.resetGizmo()`). */
export interface ResetGizmoArgs {
    /** The hard of the thing. */
    hard?: boolean;
}
/** Arguments of `set-knobs` (`Qmp.setKnobs()`). */
export interface SetKnobsArgs {
    /** Members not listed here are accepted too. */
    [key: string]: unknown;
    /** The id of the thing. */
    id: string;
}
/** A gizmo could not do I/O. */
export interface GizmoIoFaultEvent {
    /** The device of the thing. */
    device: string;
    /** The action of the thing. */
    action: "ignore" | "report" | "stop";
    /** The nospace of the thing. */
    nospace?: boolean;
}
/** How a gizmo runs. */
export type GizmoMode = "on" | "off";
