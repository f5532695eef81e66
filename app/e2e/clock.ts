// Chain time for the browser tests. contracts-node seals a block only when a transaction arrives,
// so its clock (the last block's timestamp) stands still while nothing is sent: a test that polls
// `timestamp.now` for a moment in the month would wait forever. The clock is moved here by a
// remark from //Alice (a block, stamped with the machine's time) once the machine's clock is in
// the wanted window, and the chain's own timestamp is then checked against the same window.

import type { ApiPromise } from "@polkadot/api";
import { pairs } from "./wallet";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seals one block (a remark from //Alice) and returns once it is in a block. */
export async function tick(api: ApiPromise): Promise<void> {
  const [alice] = pairs(["//Alice"]);
  await new Promise<void>((resolve, reject) =>
    api.tx.system
      .remark("0x00")
      .signAndSend(alice, { nonce: -1 }, ({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        if (status.isInBlock) resolve();
      })
      .catch(reject),
  );
}

/** The chain's time: the last block's timestamp (ms). */
export async function chainNow(api: ApiPromise): Promise<number> {
  return Number((await api.query.timestamp.now()).toString());
}

/**
 * Waits for a chain time at which `inWindow(ms into the period)` holds, sealing a block to bring
 * the chain's clock there, and returns that chain time. Gives up after `limitMs`.
 */
export async function waitInPeriod(
  api: ApiPromise,
  calendar: { start_ms: number; period_ms: number },
  inWindow: (into: number) => boolean,
  limitMs = 120_000,
): Promise<number> {
  const into = (t: number) => (((t - calendar.start_ms) % calendar.period_ms) + calendar.period_ms) % calendar.period_ms;
  const giveUp = Date.now() + limitMs;
  while (Date.now() < giveUp) {
    if (inWindow(into(Date.now()))) {
      await tick(api);
      const now = await chainNow(api);
      if (inWindow(into(now))) return now;
    }
    await sleep(100);
  }
  throw new Error(`the chain's clock never reached the wanted part of the period in ${limitMs} ms`);
}
