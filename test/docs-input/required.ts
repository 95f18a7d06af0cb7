/** The core of QMP that every QEMU from 0.13 to today has: the default input must cover it. */
export const REQUIRED_COMMANDS = [
  'qmp_capabilities', 'query-version', 'query-commands', 'query-status', 'query-name', 'query-uuid',
  'query-kvm', 'query-chardev', 'query-block', 'query-blockstats', 'query-pci', 'query-mice', 'query-vnc',
  'query-balloon', 'query-migrate', 'stop', 'cont', 'system_reset', 'system_powerdown', 'quit', 'eject',
  'screendump', 'balloon', 'memsave', 'pmemsave', 'migrate', 'migrate_cancel', 'device_add', 'device_del',
  'netdev_add', 'netdev_del', 'getfd', 'closefd', 'set_link', 'human-monitor-command',
] as const;

export const REQUIRED_EVENTS = [
  'SHUTDOWN', 'POWERDOWN', 'RESET', 'STOP', 'RESUME', 'RTC_CHANGE', 'WATCHDOG', 'BLOCK_IO_ERROR',
  'VNC_CONNECTED', 'VNC_INITIALIZED', 'VNC_DISCONNECTED', 'DEVICE_DELETED',
] as const;
