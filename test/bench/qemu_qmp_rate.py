"""query-status round trips through python's qemu.qmp, for test/bench/client.ts.

    python3 qemu_qmp_rate.py SOCKET IN_FLIGHT TOTAL   ->  prints the rate (commands per second)

qemu.qmp must be importable (PYTHONPATH): the PyPI package, or QEMU's source tree
(python/qemu/qmp, which the package is published from). Measured like the other rows of the
client bench: connect, then time TOTAL commands with IN_FLIGHT outstanding, then disconnect.
"""

import asyncio
import sys
import time

from qemu.qmp import QMPClient


async def main(socket_path: str, in_flight: int, total: int) -> float:
    qmp = QMPClient("bench")
    await qmp.connect(socket_path)
    left = total

    async def worker() -> None:
        nonlocal left
        while left > 0:
            left -= 1
            await qmp.execute("query-status")

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(in_flight)))
    elapsed = time.perf_counter() - start
    await qmp.disconnect()
    return total / elapsed


if __name__ == "__main__":
    print(f"{asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))):.1f}")
